using System.Security.Cryptography;
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
/// Envelopes signed by a test chain shaped like Microsoft's, verified under policies that should accept or reject them:
/// each failure the issue lists fails in the validation the specification assigns it, and lenient levels pass with a warning.
/// </summary>
public sealed class NotationTamperMatrixTests(NotationTamperMatrixTests.Chains chains) : IClassFixture<NotationTamperMatrixTests.Chains>
{
    private const string Repository = "registry.example/dotnet/aspnet";
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}");

    private readonly NotationTestChain chain = chains.Main;
    private readonly string store = chains.Store;

    /// <summary>The chains the cases share (RSA 3072 keys are slow to make), laid out in one trust store.</summary>
    public sealed class Chains : IDisposable
    {
        public Chains()
        {
            Main.WriteTrustStore(Store);
            // The leaf expired like the one of current .NET image signatures: after signing, before now.
            Expired = new NotationTestChain(leaf: p => p with { NotBefore = new DateTimeOffset(2025, 11, 10, 0, 0, 0, TimeSpan.Zero), NotAfter = new DateTimeOffset(2026, 11, 10, 19, 27, 20, TimeSpan.Zero) }, name: "Expired");
            Expired.WriteTrustStore(Store, "expired-ca", "expired-tsa");
        }

        public NotationTestChain Main { get; } = new();

        public NotationTestChain Expired { get; }

        public NotationTestChain Stranger { get; } = new(name: "Stranger");

        public string Store { get; } = Directory.CreateTempSubdirectory("pg-notation-store-").FullName;

        public void Dispose()
        {
            Main.Dispose();
            Expired.Dispose();
            Stranger.Dispose();
            Directory.Delete(Store, recursive: true);
        }
    }

    private static Descriptor Artifact => new(ManifestType, Digest.Compute(Manifest), Manifest.Length);

    private static byte[] PayloadFor(Descriptor descriptor) => NotationEnvelopeWriter.Payload(descriptor.MediaType, descriptor.Digest.ToString(), descriptor.Size);

    private Task<NotationVerificationResult> Verify(byte[] envelope, string policyJson, NotationEnvelopeFormat format = NotationEnvelopeFormat.Cose, string repository = Repository)
    {
        var (policy, errors) = TrustPolicyReader.Parse(Encoding.UTF8.GetBytes(policyJson), "trustpolicy.json");
        Assert.True(policy is not null, string.Join("\n", errors));
        var verifier = new NotationVerifier(policy, NotationTrustStore.FromDirectory(store), new OfflineRevocationChecker(), new FixedClock(Now));
        var mediaType = format == NotationEnvelopeFormat.Cose ? NotationEnvelope.CoseMediaType : NotationEnvelope.JwsMediaType;
        return verifier.VerifyAsync(envelope, mediaType, repository, Artifact);
    }

    private byte[] Sign(NotationSigningOptions? options = null, byte[]? payload = null) =>
        NotationEnvelopeWriter.Sign(payload ?? PayloadFor(Artifact), chain.Chain, options ?? new NotationSigningOptions { TimestampAuthority = chain.Tsa });

    private static void AssertFails(NotationVerificationResult result, NotationValidation validation, string words)
    {
        Assert.False(result.IsValid, "expected a failure, got: " + result.Message);
        var failed = result.Validations.Single(v => !v.Passed && v.Action == ValidationAction.Enforce);
        Assert.Equal(validation, failed.Validation);
        Assert.True(result.Message.Contains(words, StringComparison.Ordinal), $"'{words}' not in: {result.Message}");
    }

    [Theory]
    [InlineData(NotationEnvelopeFormat.Cose)]
    [InlineData(NotationEnvelopeFormat.Jws)]
    public async Task A_timestamped_signature_verifies_under_strict_and_reports_subject_chain_and_timestamp(NotationEnvelopeFormat format)
    {
        var envelope = Sign(new NotationSigningOptions { Format = format, TimestampAuthority = chain.Tsa });

        var result = await Verify(envelope, NotationTestChain.TrustPolicy(Repository), format);

        Assert.True(result.IsValid, result.Message);
        Assert.Empty(result.Warnings);
        Assert.Equal(chain.Leaf.SubjectName.RawData, result.Subject!.RawData);
        Assert.Equal(3, result.Envelope!.CertificateChain.Count);
        Assert.Equal(NotationSignatureAlgorithm.RsassaPssSha384, result.Envelope.Algorithm);
        Assert.Equal(chain.Tsa.Certificate.Subject, result.Timestamp!.TsaSubject!.Name);
        Assert.Equal("strict", result.Level);
        Assert.Equal([NotationValidation.Integrity, NotationValidation.Authenticity, NotationValidation.Expiry, NotationValidation.AuthenticTimestamp, NotationValidation.Revocation], result.Validations.Select(v => v.Validation));
    }

    [Theory]
    [InlineData(TestKeyKind.Rsa2048, NotationEnvelopeFormat.Cose, NotationSignatureAlgorithm.RsassaPssSha256)]
    [InlineData(TestKeyKind.Rsa4096, NotationEnvelopeFormat.Jws, NotationSignatureAlgorithm.RsassaPssSha512)]
    [InlineData(TestKeyKind.P256, NotationEnvelopeFormat.Cose, NotationSignatureAlgorithm.EcdsaSha256)]
    [InlineData(TestKeyKind.P384, NotationEnvelopeFormat.Jws, NotationSignatureAlgorithm.EcdsaSha384)]
    [InlineData(TestKeyKind.P521, NotationEnvelopeFormat.Cose, NotationSignatureAlgorithm.EcdsaSha512)]
    [InlineData(TestKeyKind.P521, NotationEnvelopeFormat.Jws, NotationSignatureAlgorithm.EcdsaSha512)]
    public async Task Every_allowed_algorithm_verifies(TestKeyKind key, NotationEnvelopeFormat format, NotationSignatureAlgorithm algorithm)
    {
        using var leaf = TestPki.Issue(new CertificateProfile(NotationTestChain.LeafSubject) { Key = key }, chain.Intermediate);
        var envelope = NotationEnvelopeWriter.Sign(PayloadFor(Artifact), [leaf, chain.Intermediate, chain.Root], new NotationSigningOptions { Format = format, TimestampAuthority = chain.Tsa });

        var result = await Verify(envelope, NotationTestChain.TrustPolicy(Repository), format);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(algorithm, result.Envelope!.Algorithm);
    }

    [Theory]
    [InlineData(NotationEnvelopeFormat.Cose)]
    [InlineData(NotationEnvelopeFormat.Jws)]
    public async Task A_malformed_envelope_fails_integrity(NotationEnvelopeFormat format)
    {
        var envelope = Sign(new NotationSigningOptions { Format = format });

        var result = await Verify(envelope[..(envelope.Length / 2)], NotationTestChain.TrustPolicy(Repository), format);

        AssertFails(result, NotationValidation.Integrity, "malformed envelope");
    }

    [Fact]
    public async Task An_altered_COSE_payload_fails_integrity()
    {
        var envelope = Sign();
        var digest = Encoding.ASCII.GetBytes(Artifact.Digest.ToString()[7..]);
        var at = envelope.AsSpan().IndexOf(digest);
        envelope[at] = envelope[at] == (byte)'a' ? (byte)'b' : (byte)'a';

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository)), NotationValidation.Integrity, "does not verify");
    }

    [Fact]
    public async Task An_altered_JWS_signature_fails_integrity()
    {
        var envelope = Encoding.UTF8.GetString(Sign(new NotationSigningOptions { Format = NotationEnvelopeFormat.Jws }));
        var at = envelope.IndexOf("\"signature\":\"", StringComparison.Ordinal) + 13;
        var altered = envelope[..at] + (envelope[at] == 'A' ? 'B' : 'A') + envelope[(at + 1)..];

        AssertFails(await Verify(Encoding.UTF8.GetBytes(altered), NotationTestChain.TrustPolicy(Repository), NotationEnvelopeFormat.Jws), NotationValidation.Integrity, "does not verify");
    }

    [Theory]
    [InlineData(NotationEnvelopeFormat.Cose)]
    [InlineData(NotationEnvelopeFormat.Jws)]
    public async Task An_unknown_critical_header_fails_integrity(NotationEnvelopeFormat format)
    {
        var envelope = Sign(new NotationSigningOptions { Format = format, ExtraCriticalHeader = "io.example.mustUnderstand" });

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository), format), NotationValidation.Integrity, "unknown critical header 'io.example.mustUnderstand'");
    }

    [Theory]
    [InlineData(NotationEnvelopeFormat.Cose)]
    [InlineData(NotationEnvelopeFormat.Jws)]
    public async Task A_wrong_signing_scheme_fails_integrity(NotationEnvelopeFormat format)
    {
        var envelope = Sign(new NotationSigningOptions { Format = format, SigningScheme = "notary.default.x509" });

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository), format), NotationValidation.Integrity, "signing scheme 'notary.default.x509'");
    }

    [Fact]
    public async Task An_algorithm_that_does_not_fit_the_key_fails_integrity()
    {
        var envelope = Sign(new NotationSigningOptions { Hash = HashAlgorithmName.SHA256 });

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository)), NotationValidation.Integrity, "requires RSASSA-PSS-SHA-384");
    }

    [Fact]
    public async Task A_payload_for_another_manifest_fails()
    {
        var other = new Descriptor(ManifestType, Digest.Compute("another manifest"u8.ToArray()), 16);
        var envelope = Sign(payload: PayloadFor(other));

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository)), NotationValidation.Integrity, "for another artifact");
    }

    [Fact]
    public async Task A_chain_out_of_order_fails_integrity()
    {
        var envelope = NotationEnvelopeWriter.Sign(PayloadFor(Artifact), [chain.Leaf, chain.Root, chain.Intermediate]);

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository)), NotationValidation.Integrity, "ordered leaf to root");
    }

    [Fact]
    public async Task A_leaf_without_the_code_signing_usage_fails_integrity()
    {
        using var serverLeaf = TestPki.Issue(new CertificateProfile(NotationTestChain.LeafSubject) { Key = TestKeyKind.Rsa3072, ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.1"] }, chain.Intermediate);
        var envelope = NotationEnvelopeWriter.Sign(PayloadFor(Artifact), [serverLeaf, chain.Intermediate, chain.Root]);

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository)), NotationValidation.Integrity, "serverAuth");
    }

    [Fact]
    public async Task An_identity_that_does_not_match_fails_authenticity()
    {
        var policy = NotationTestChain.TrustPolicy(Repository, identity: "x509.subject: C=US, ST=Washington, O=Someone Else");

        AssertFails(await Verify(Sign(), policy), NotationValidation.Authenticity, "matches none of the trusted identities");
    }

    [Fact]
    public async Task Identities_match_as_RDN_sets_in_any_order_and_with_the_S_alias()
    {
        var policy = NotationTestChain.TrustPolicy(Repository, identity: "x509.subject: S=Washington, C=US, CN=PipelineGuard Test Signing, O=PipelineGuard Tests");

        var result = await Verify(Sign(), policy);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public async Task A_chain_that_does_not_reach_the_store_fails_authenticity()
    {
        var stranger = chains.Stranger;
        var envelope = NotationEnvelopeWriter.Sign(PayloadFor(Artifact), stranger.Chain, new NotationSigningOptions { TimestampAuthority = chain.Tsa });

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository)), NotationValidation.Authenticity, "does not contain any certificate of the trust stores ca:test-ca");
    }

    [Fact]
    public async Task An_expired_leaf_without_a_timestamp_fails_the_authentic_timestamp()
    {
        var expired = chains.Expired;
        var envelope = NotationEnvelopeWriter.Sign(PayloadFor(Artifact), expired.Chain);

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository, stores: "\"ca:expired-ca\", \"tsa:expired-tsa\"")), NotationValidation.AuthenticTimestamp, "no timestamp countersignature");
        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository, stores: "\"ca:expired-ca\"")), NotationValidation.AuthenticTimestamp, "must be valid now");
    }

    [Fact]
    public async Task An_expired_leaf_with_a_timestamp_inside_its_validity_verifies_as_MCR_signatures_must()
    {
        var expired = chains.Expired;
        var envelope = NotationEnvelopeWriter.Sign(PayloadFor(Artifact), expired.Chain, new NotationSigningOptions { TimestampAuthority = expired.Tsa });

        var result = await Verify(envelope, NotationTestChain.TrustPolicy(Repository, stores: "\"ca:expired-ca\", \"tsa:expired-tsa\""));

        Assert.True(result.IsValid, result.Message);
        Assert.Contains("within the validity", result.Validations.Single(v => v.Validation == NotationValidation.AuthenticTimestamp).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timestamp_after_the_leaf_expired_fails_the_authentic_timestamp()
    {
        var expired = chains.Expired;
        var envelope = NotationEnvelopeWriter.Sign(PayloadFor(Artifact), expired.Chain, new NotationSigningOptions { TimestampAuthority = expired.Tsa, TimestampTime = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero) });

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository, stores: "\"ca:expired-ca\", \"tsa:expired-tsa\"")), NotationValidation.AuthenticTimestamp, "expired");
    }

    [Fact]
    public async Task A_timestamp_from_an_untrusted_TSA_fails_the_authentic_timestamp()
    {
        var expired = chains.Expired;
        using var otherTsa = new TestTimestampAuthority("Untrusted TSA");
        var envelope = NotationEnvelopeWriter.Sign(PayloadFor(Artifact), expired.Chain, new NotationSigningOptions { TimestampAuthority = otherTsa });

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository, stores: "\"ca:expired-ca\", \"tsa:expired-tsa\"")), NotationValidation.AuthenticTimestamp, "Untrusted TSA");
    }

    [Fact]
    public async Task AfterCertExpiry_skips_the_timestamp_while_the_chain_is_valid()
    {
        var envelope = Sign(new NotationSigningOptions());

        var result = await Verify(envelope, NotationTestChain.TrustPolicy(Repository, verifyTimestamp: "afterCertExpiry"));

        Assert.True(result.IsValid, result.Message);
        Assert.Null(result.Timestamp);
    }

    [Fact]
    public async Task A_passed_expiry_fails_strict_and_is_a_warning_under_permissive()
    {
        var envelope = Sign(new NotationSigningOptions { TimestampAuthority = chain.Tsa, Expiry = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero) });

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository)), NotationValidation.Expiry, "expired on 2026-06-01");
        var permissive = await Verify(envelope, NotationTestChain.TrustPolicy(Repository, level: "permissive"));
        Assert.True(permissive.IsValid, permissive.Message);
        Assert.Equal(NotationValidation.Expiry, Assert.Single(permissive.Warnings).Validation);
    }

    [Fact]
    public async Task Audit_passes_an_untrusted_signature_with_a_warning()
    {
        var stranger = chains.Stranger;
        var envelope = NotationEnvelopeWriter.Sign(PayloadFor(Artifact), stranger.Chain, new NotationSigningOptions { TimestampAuthority = chain.Tsa });

        var result = await Verify(envelope, NotationTestChain.TrustPolicy(Repository, level: "audit"));

        Assert.True(result.IsValid, result.Message);
        Assert.Equal("audit", result.Level);
        Assert.Equal(NotationValidation.Authenticity, Assert.Single(result.Warnings).Validation);
        Assert.Contains("logged failures: authenticity", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_still_enforces_integrity()
    {
        var envelope = Sign(new NotationSigningOptions { ExtraCriticalHeader = "io.example.mustUnderstand" });

        AssertFails(await Verify(envelope, NotationTestChain.TrustPolicy(Repository, level: "audit")), NotationValidation.Integrity, "unknown critical header");
    }

    [Fact]
    public async Task An_override_logs_what_the_level_would_enforce()
    {
        var policy = NotationTestChain.TrustPolicy(Repository, identity: "x509.subject: C=US, ST=Washington, O=Someone Else", overrides: "{\"authenticity\": \"log\"}");

        var result = await Verify(Sign(), policy);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal("strict (authenticity: log)", result.Level);
        Assert.Equal(NotationValidation.Authenticity, Assert.Single(result.Warnings).Validation);
    }

    [Fact]
    public async Task Skip_passes_without_verifying_and_says_so()
    {
        const string policy = """{"version":"1.0","trustPolicies":[{"name":"skip-it","registryScopes":["registry.example/dotnet/aspnet"],"signatureVerification":{"level":"skip"},"trustStores":[],"trustedIdentities":[]}]}""";

        var result = await Verify("not even an envelope"u8.ToArray(), policy);

        Assert.True(result.IsValid);
        Assert.Equal("skip", result.Level);
        Assert.Contains("skipped", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_outside_every_scope_fails()
    {
        var result = await Verify(Sign(), NotationTestChain.TrustPolicy("registry.example/dotnet/runtime"));

        Assert.False(result.IsValid);
        Assert.Contains("no trust policy statement", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_global_scope_applies_when_no_exact_scope_does()
    {
        var result = await Verify(Sign(), NotationTestChain.TrustPolicy("*"));

        Assert.True(result.IsValid, result.Message);
    }
}
