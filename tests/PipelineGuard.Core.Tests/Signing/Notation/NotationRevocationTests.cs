using System.Text;
using PipelineGuard.Signing.Notation;
using PipelineGuard.Signing.Revocation;
using PipelineGuard.Testing.Notation;
using PipelineGuard.Testing.Pki;
using Xunit;
using Descriptor = PipelineGuard.Oci.OciDescriptor;
using Digest = PipelineGuard.Oci.Digest;

namespace PipelineGuard.Core.Tests.Signing.Notation;

/// <summary>
/// Revocation inside Notary Project verification: the signing chain and the timestamping chain are both checked, a
/// revoked or undetermined status fails or is only logged as the level and its override say, and the result shows it.
/// </summary>
public sealed class NotationRevocationTests : IDisposable
{
    private const string Repository = "registry.example/dotnet/aspnet";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2}");
    private static readonly Descriptor Artifact = new("application/vnd.oci.image.manifest.v1+json", Digest.Compute(Manifest), Manifest.Length);

    private readonly RevocationServer server = new();
    private readonly string store = Directory.CreateTempSubdirectory("pg-notation-revocation-").FullName;
    private readonly string cache = Directory.CreateTempSubdirectory("pg-notation-crl-cache-").FullName;
    private readonly NotationTestChain chain;

    public NotationRevocationTests()
    {
        chain = new NotationTestChain(leaf: p => p with { CrlUrl = server.Url + "ca.crl" });
        chain.WriteTrustStore(store);
    }

    public void Dispose()
    {
        chain.Dispose();
        server.Dispose();
        Directory.Delete(store, recursive: true);
        Directory.Delete(cache, recursive: true);
    }

    private byte[] Crl(params System.Security.Cryptography.X509Certificates.X509Certificate2[] revoked) =>
        TestCrl.Build(chain.Intermediate, Now.AddHours(-1), Now.AddDays(7), revoked);

    private byte[] Envelope(TestTimestampAuthority? tsa = null) =>
        NotationEnvelopeWriter.Sign(NotationEnvelopeWriter.Payload(Artifact.MediaType, Artifact.Digest.ToString(), Artifact.Size), chain.Chain, new NotationSigningOptions { TimestampAuthority = tsa ?? chain.Tsa });

    private async Task<NotationVerificationResult> Verify(string level = "strict", string? overrides = null, RevocationOptions? options = null, TestTimestampAuthority? tsa = null)
    {
        var (policy, errors) = TrustPolicyReader.Parse(Encoding.UTF8.GetBytes(NotationTestChain.TrustPolicy(Repository, level, overrides: overrides)), "trustpolicy.json");
        Assert.True(policy is not null, string.Join("\n", errors));
        var checker = new RevocationChecker((options ?? new RevocationOptions()) with { CacheDirectory = cache });
        var verifier = new NotationVerifier(policy, NotationTrustStore.FromDirectory(store), checker, new FixedClock(Now));
        return await verifier.VerifyAsync(Envelope(tsa), NotationEnvelope.CoseMediaType, Repository, Artifact);
    }

    [Fact]
    public async Task A_chain_the_CRL_does_not_list_verifies_under_strict()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        var result = await Verify();
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(RevocationStatus.Good, result.Revocation!.Status);
        Assert.Contains(result.Validations, v => v.Validation == NotationValidation.Revocation && v.Passed && v.Message.Contains("not listed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_signing_certificate_fails_strict()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl(chain.Leaf)));
        var result = await Verify();
        Assert.False(result.IsValid);
        Assert.StartsWith("revocation: a certificate of the signing chain is revoked", result.Message, StringComparison.Ordinal);
        Assert.Equal(RevocationStatus.Revoked, result.Revocation!.Status);
    }

    [Fact]
    public async Task A_revoked_signing_certificate_is_logged_under_permissive()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl(chain.Leaf)));
        var result = await Verify(level: "permissive");
        Assert.True(result.IsValid, result.Message);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(NotationValidation.Revocation, warning.Validation);
        Assert.Contains("revoked", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_distribution_point_fails_strict_as_unknown()
    {
        server.Serve("ca.crl", new ServedResponse.Status(404));
        var result = await Verify();
        Assert.False(result.IsValid);
        Assert.StartsWith("revocation: the revocation status of the signing chain is unknown", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_under_a_revocation_log_override_passes_with_a_warning()
    {
        server.Serve("ca.crl", new ServedResponse.Status(404));
        var result = await Verify(overrides: "{ \"revocation\": \"log\" }");
        Assert.True(result.IsValid, result.Message);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(NotationValidation.Revocation, warning.Validation);
        Assert.Contains("unknown", warning.Message, StringComparison.Ordinal);
        Assert.Contains("logged failures: revocation", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revocation_skip_override_does_not_fetch()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl(chain.Leaf)));
        var result = await Verify(overrides: "{ \"revocation\": \"skip\" }");
        Assert.True(result.IsValid, result.Message);
        Assert.Null(result.Revocation);
        Assert.Equal(0, server.RequestsTo("ca.crl"));
    }

    [Fact]
    public async Task A_revoked_timestamping_certificate_fails_the_authentic_timestamp()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        using var tsa = new TestTimestampAuthority("Revocable TSA", CertificateProfile.TimestampAuthority("CN=Revocable TSA,O=PipelineGuard Tests,C=US") with { CrlUrl = server.Url + "tsa.crl" });
        File.WriteAllBytes(Path.Combine(store, "x509", "tsa", "test-tsa", "revocable-root.cer"), tsa.Root.RawData);
        server.Serve("tsa.crl", new ServedResponse.Body(TestCrl.Build(tsa.Root, Now.AddHours(-1), Now.AddDays(7), [tsa.Certificate])));
        var result = await Verify(tsa: tsa);
        Assert.False(result.IsValid);
        Assert.StartsWith("authenticTimestamp: the timestamping certificate chain of 'CN=Revocable TSA", result.Message, StringComparison.Ordinal);
        Assert.Contains("is revoked", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_verifier_reads_CRL_files_beside_the_trust_store()
    {
        Directory.CreateDirectory(Path.Combine(store, "crl"));
        File.WriteAllBytes(Path.Combine(store, "crl", "test-ca.crl"), Crl(chain.Leaf));
        var (policy, _) = TrustPolicyReader.Parse(Encoding.UTF8.GetBytes(NotationTestChain.TrustPolicy(Repository)), "trustpolicy.json");
        var trustStore = NotationTrustStore.FromDirectory(store);
        Assert.IsType<RevocationChecker>(NotationVerifier.DefaultRevocation(trustStore));
        var result = await new NotationVerifier(policy!, trustStore, new FixedClock(Now)).VerifyAsync(Envelope(), NotationEnvelope.CoseMediaType, Repository, Artifact);
        Assert.False(result.IsValid);
        Assert.Equal(RevocationMethod.CrlFile, result.Revocation!.Certificates[0].Method);
        Assert.Equal(0, server.RequestsTo("ca.crl"));
    }
}
