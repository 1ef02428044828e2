using System.Text;
using BenchmarkDotNet.Attributes;
using PipelineGuard.Signing.Keyless;
using PipelineGuard.Testing.Sigstore;

namespace PipelineGuard.Benchmarks;

/// <summary>
/// In-process verification of one keyless bundle: read, signature, SET, RFC 6962 inclusion proof, signed checkpoint,
/// log body, Fulcio chain at the integrated time, embedded SCT, identity policy (the target: 2 ms median or less).
/// </summary>
[MemoryDiagnoser]
public class KeylessVerifyBenchmarks
{
    private readonly byte[] _artifact = Encoding.UTF8.GetBytes("a release artifact");
    private TestSigstore _sigstore = null!;
    private byte[] _bundle = null!;
    private KeylessVerificationOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sigstore = new TestSigstore();
        _bundle = _sigstore.SignBlob(_artifact, new TestIdentity("alice@example.test", "https://issuer.example.test"), new TestBundleOptions { OtherLogEntries = 1000 });
        var root = TrustedRootReader.Read(_sigstore.TrustedRootJson(), "bench root").GetValueOrThrow();
        _options = new KeylessVerificationOptions(root, CertificateIdentityPolicy.Create("alice@example.test", null, "https://issuer.example.test", null).GetValueOrThrow());
        if (!KeylessVerifier.Verify(_bundle, _artifact, _options).IsValid)
        {
            throw new InvalidOperationException("the benchmark bundle does not verify");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _sigstore.Dispose();

    /// <summary>One keyless bundle, every check.</summary>
    [Benchmark]
    public bool VerifyKeylessBundle() => KeylessVerifier.Verify(_bundle, _artifact, _options).IsValid;
}
