using System.Text;
using BenchmarkDotNet.Attributes;
using PipelineGuard.Signing.Notation;
using PipelineGuard.Signing.Revocation;
using PipelineGuard.Signing.Timestamps;
using PipelineGuard.Testing.Notation;
using PipelineGuard.Testing.Pki;
using Descriptor = PipelineGuard.Oci.OciDescriptor;
using Digest = PipelineGuard.Oci.Digest;

namespace PipelineGuard.Benchmarks;

/// <summary>
/// In-process verification of one Notary Project COSE signature shaped like Microsoft's for .NET images: a 3-certificate
/// RSA 3072 chain (PS384) and an RFC 3161 countersignature, under a strict trust policy read from a trust store on disk
/// (the target: 3 ms or less). With revocation: the leaf names a CRL distribution point and the CRL comes from the
/// store's crl/ folder (network off), so the CRL's parse and signature check are counted too.
/// </summary>
[MemoryDiagnoser]
public class NotationVerifyBenchmarks
{
    private const string Repository = "registry.example/dotnet/aspnet";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}");
    private static readonly Descriptor Artifact = new("application/vnd.oci.image.manifest.v1+json", Digest.Compute(Manifest), Manifest.Length);

    private NotationTestChain _chain = null!;
    private string _store = null!;
    private byte[] _envelope = null!;
    private NotationVerifier _offline = null!;
    private NotationVerifier _withCrl = null!;
    private byte[] _token = null!;
    private byte[] _signature = null!;
    private TimestampTrust _tsaTrust = null!;

    [GlobalSetup]
    public void Setup()
    {
        _chain = new NotationTestChain(leaf: p => p with { CrlUrl = "http://crl.invalid/ca.crl" });
        _store = Directory.CreateTempSubdirectory("pg-bench-notation-").FullName;
        _chain.WriteTrustStore(_store);
        Directory.CreateDirectory(Path.Combine(_store, "crl"));
        File.WriteAllBytes(Path.Combine(_store, "crl", "ca.crl"), TestCrl.Build(_chain.Intermediate, Now.AddHours(-1), Now.AddDays(7)));
        _envelope = NotationEnvelopeWriter.Sign(NotationEnvelopeWriter.Payload(Artifact.MediaType, Artifact.Digest.ToString(), Artifact.Size), _chain.Chain, new NotationSigningOptions { TimestampAuthority = _chain.Tsa });

        var (strict, _) = TrustPolicyReader.Parse(Encoding.UTF8.GetBytes(NotationTestChain.TrustPolicy(Repository)), "trustpolicy.json");
        var (noRevocation, _) = TrustPolicyReader.Parse(Encoding.UTF8.GetBytes(NotationTestChain.TrustPolicy(Repository, overrides: "{ \"revocation\": \"skip\" }")), "trustpolicy.json");
        var store = NotationTrustStore.FromDirectory(_store);
        var clock = new FixedClock(Now);
        _offline = new NotationVerifier(noRevocation!, store, new OfflineRevocationChecker(), clock);
        _withCrl = new NotationVerifier(strict!, store, new RevocationChecker(new RevocationOptions { Network = false, CacheDirectory = null, CrlDirectories = store.CrlDirectories }), clock);
        var decoded = CoseEnvelopeReader.Read(_envelope);
        _token = decoded.TimestampToken!.Value.ToArray();
        _signature = decoded.Signature.ToArray();
        _tsaTrust = new TimestampTrust(store.Load(new TrustStoreName("tsa", "test-tsa")).Certificates);
        if (!VerifyCose() || !VerifyCoseWithCrlFile() || !VerifyTimestampToken())
        {
            throw new InvalidOperationException("the benchmark envelope does not verify");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _chain.Dispose();
        Directory.Delete(_store, recursive: true);
    }

    /// <summary>One COSE signature: integrity, chain, identity, expiry, timestamp (revocation skipped).</summary>
    [Benchmark(Baseline = true)]
    public bool VerifyCose() => _offline.VerifyAsync(_envelope, NotationEnvelope.CoseMediaType, Repository, Artifact).GetAwaiter().GetResult().IsValid;

    /// <summary>The same, strict, with the leaf's revocation checked against a CRL file.</summary>
    [Benchmark]
    public bool VerifyCoseWithCrlFile() => _withCrl.VerifyAsync(_envelope, NotationEnvelope.CoseMediaType, Repository, Artifact).GetAwaiter().GetResult().IsValid;

    /// <summary>The RFC 3161 countersignature alone: CMS signature, ESS binding, TSA usage and the TSA path to the store's root.</summary>
    [Benchmark]
    public bool VerifyTimestampToken() => Rfc3161TimestampVerifier.VerifyForData(_token, _signature, _tsaTrust).IsValid;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
