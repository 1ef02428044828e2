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
    private System.Security.Cryptography.X509Certificates.X509Certificate2 _leaf = null!;
    private IReadOnlyList<DateTimeOffset> _times = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sigstore = new TestSigstore();
        _bundle = _sigstore.SignBlob(_artifact, new TestIdentity("alice@example.test", "https://issuer.example.test"), new TestBundleOptions { OtherLogEntries = 1000 });
        var root = TrustedRootReader.Read(_sigstore.TrustedRootJson(), "bench root").GetValueOrThrow();
        _options = new KeylessVerificationOptions(root, CertificateIdentityPolicy.Create("alice@example.test", null, "https://issuer.example.test", null).GetValueOrThrow());
        var verified = KeylessVerifier.Verify(_bundle, _artifact, _options);
        _leaf = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(verified.Bundle!.Certificates[0]);
        _times = verified.Times.Select(t => t.Time).ToList();
        if (!verified.IsValid)
        {
            throw new InvalidOperationException("the benchmark bundle does not verify");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _sigstore.Dispose();

    /// <summary>One keyless bundle, every check.</summary>
    [Benchmark]
    public bool VerifyKeylessBundle() => KeylessVerifier.Verify(_bundle, _artifact, _options).IsValid;

    /// <summary>Only the Fulcio chain of the bundle's certificate at its signing time (the part that built an X509Chain).</summary>
    [Benchmark]
    public bool VerifyFulcioChain() => FulcioChainVerifier.Verify(_leaf, _options.TrustedRoot, _times).Issuer is not null;
}
