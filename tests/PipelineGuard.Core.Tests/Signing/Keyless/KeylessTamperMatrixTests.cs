using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PipelineGuard.Signing;
using PipelineGuard.Signing.Keyless;
using PipelineGuard.Testing.Sigstore;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Keyless;

/// <summary>
/// Keyless bundles made by the test kit's private Sigstore (Fulcio-like CA with SCTs, a log with a real Merkle tree and
/// signed checkpoints, a TSA), then each piece of evidence tampered with: every case must be rejected, for the right reason.
/// </summary>
public sealed class KeylessTamperMatrixTests : IDisposable
{
    private const string Email = "alice@example.test";
    private const string Issuer = "https://issuer.example.test";
    private static readonly byte[] Artifact = Encoding.UTF8.GetBytes("the artifact PipelineGuard verifies\n");

    private readonly TestSigstore _sigstore = new();
    private readonly TestSigstore _other = new();

    public void Dispose()
    {
        _sigstore.Dispose();
        _other.Dispose();
    }

    private TrustedRoot Root => TrustedRootReader.Read(_sigstore.TrustedRootJson(), "test root").GetValueOrThrow();

    private static CertificateIdentityPolicy Policy(string? subject = Email, string? issuer = Issuer, string? subjectRegExp = null, GitHubWorkflowClaims? github = null) =>
        CertificateIdentityPolicy.Create(subjectRegExp is null ? subject : null, subjectRegExp, issuer, null, github).GetValueOrThrow();

    private KeylessVerification Verify(byte[] bundle, byte[]? artifact = null, CertificateIdentityPolicy? policy = null, TrustedRoot? root = null, bool ignoreTlog = false) =>
        KeylessVerifier.Verify(bundle, artifact ?? Artifact, new KeylessVerificationOptions(root ?? Root, policy ?? Policy(), ignoreTlog));

    private byte[] Signed(TestBundleOptions? options = null, TestIdentity? identity = null) => _sigstore.SignBlob(Artifact, identity ?? new TestIdentity(Email, Issuer), options);

    private static byte[] Mutate(byte[] bundle, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(bundle)!.AsObject();
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static JsonObject Entry(JsonObject bundle) => bundle["verificationMaterial"]!["tlogEntries"]![0]!.AsObject();

    private static string Flip(string base64, int index = -1)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[index < 0 ? bytes.Length + index : index] ^= 1;
        return Convert.ToBase64String(bytes);
    }

    private static byte[] RootWithout(byte[] rootJson, string member)
    {
        var node = JsonNode.Parse(rootJson)!.AsObject();
        node[member] = new JsonArray();
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    [Fact]
    public void An_untampered_bundle_verifies_with_its_identity_log_index_and_time()
    {
        var result = Verify(Signed());

        Assert.True(result.IsValid, result.Status.Message);
        Assert.Equal(Email, result.Identity!.Subject);
        Assert.Equal(Issuer, result.Identity.Issuer);
        Assert.Equal(90006, result.LogIndex);
        Assert.Equal(new DateTimeOffset(2025, 10, 1, 12, 0, 0, TimeSpan.Zero), Assert.Single(result.Times).Time);
    }

    [Fact]
    public void A_bundle_with_a_timestamp_verifies_and_records_both_times()
    {
        var result = Verify(Signed(new TestBundleOptions { Timestamp = true }));

        Assert.True(result.IsValid, result.Status.Message);
        Assert.Equal(2, result.Times.Count);
    }

    [Fact]
    public void Without_a_log_entry_a_timestamp_alone_verifies_when_the_log_is_ignored()
    {
        var bundle = Signed(new TestBundleOptions { Log = false, Timestamp = true });

        Assert.Equal(VerificationFailure.TlogMissing, Verify(bundle).Status.Failure);
        Assert.True(Verify(bundle, ignoreTlog: true).IsValid);
    }

    [Fact]
    public void A_dsse_statement_signed_keyless_verifies_and_a_changed_payload_does_not()
    {
        var statement = Encoding.UTF8.GetBytes("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha256\":\"" + new string('a', 64) + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}");
        var bundle = _sigstore.SignStatement(statement, new TestIdentity(Email, Issuer));
        var changed = Mutate(bundle, b => b["dsseEnvelope"]!["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"_type\":\"other\"}")));

        Assert.True(KeylessVerifier.Verify(bundle, null, new KeylessVerificationOptions(Root, Policy())).IsValid);
        Assert.Equal(VerificationFailure.SignatureMismatch, KeylessVerifier.Verify(changed, null, new KeylessVerificationOptions(Root, Policy())).Status.Failure);
    }

    public static TheoryData<string, VerificationFailure> Cases() => new()
    {
        { "other-artifact", VerificationFailure.DigestMismatch },
        { "message-digest-flipped", VerificationFailure.DigestMismatch },
        { "signature-flipped", VerificationFailure.SignatureMismatch },
        { "certificate-garbage", VerificationFailure.MalformedBundle },
        { "certificate-base64-truncated", VerificationFailure.MalformedBundle },
        { "not-json", VerificationFailure.MalformedBundle },
        { "wrong-subject", VerificationFailure.CertificateIdentityMismatch },
        { "wrong-issuer", VerificationFailure.CertificateIdentityMismatch },
        { "regexp-does-not-match", VerificationFailure.CertificateIdentityMismatch },
        { "github-repository-differs", VerificationFailure.CertificateIdentityMismatch },
        { "github-ref-differs", VerificationFailure.CertificateIdentityMismatch },
        { "no-code-signing-eku", VerificationFailure.UntrustedCertificate },
        { "certificate-expired-at-signing", VerificationFailure.UntrustedCertificate },
        { "certificate-not-yet-valid-at-signing", VerificationFailure.UntrustedCertificate },
        { "chain-does-not-reach-root", VerificationFailure.UntrustedCertificate },
        { "no-sct", VerificationFailure.SctInvalid },
        { "sct-log-not-trusted", VerificationFailure.SctInvalid },
        { "integrated-time-changed", VerificationFailure.TlogPromiseInvalid },
        { "set-flipped", VerificationFailure.TlogPromiseInvalid },
        { "log-index-changed", VerificationFailure.TlogPromiseInvalid },
        { "body-replaced", VerificationFailure.TlogPromiseInvalid },
        { "proof-hash-flipped", VerificationFailure.TlogInclusionProofInvalid },
        { "proof-root-flipped", VerificationFailure.TlogInclusionProofInvalid },
        { "proof-tree-size-changed", VerificationFailure.TlogInclusionProofInvalid },
        { "proof-index-changed", VerificationFailure.TlogInclusionProofInvalid },
        { "proof-hash-removed", VerificationFailure.TlogInclusionProofInvalid },
        { "checkpoint-signature-flipped", VerificationFailure.TlogCheckpointInvalid },
        { "checkpoint-signed-by-unknown-key", VerificationFailure.TlogCheckpointInvalid },
        { "checkpoint-malformed", VerificationFailure.TlogCheckpointInvalid },
        { "unknown-log", VerificationFailure.TlogUnknown },
        { "no-log-entry", VerificationFailure.TlogMissing },
        { "no-verified-time", VerificationFailure.NoVerifiedTime },
        { "timestamp-flipped", VerificationFailure.TimestampInvalid },
        { "timestamp-from-unknown-tsa", VerificationFailure.TimestampInvalid },
        { "timestamp-over-other-data", VerificationFailure.TimestampInvalid },
        { "key-based-bundle", VerificationFailure.KeyMaterialMismatch },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_tampered_keyless_bundle_is_rejected_for_its_reason(string mutation, VerificationFailure failure)
    {
        var result = Tampered(mutation);

        Assert.False(result.IsValid, $"{mutation} passed: {result.Status.Message}");
        Assert.Equal(failure, result.Status.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Status.Message));
    }

    private KeylessVerification Tampered(string mutation)
    {
        var good = Signed();
        switch (mutation)
        {
            case "other-artifact":
                return Verify(good, Encoding.UTF8.GetBytes("another artifact"));
            case "message-digest-flipped":
                return Verify(Mutate(good, b => b["messageSignature"]!["messageDigest"]!["digest"] = Flip(b["messageSignature"]!["messageDigest"]!["digest"]!.GetValue<string>(), 0)));
            case "signature-flipped":
                return Verify(Mutate(good, b => b["messageSignature"]!["signature"] = Flip(b["messageSignature"]!["signature"]!.GetValue<string>())));
            case "certificate-garbage":
                return Verify(Mutate(good, b => b["verificationMaterial"]!["certificate"]!["rawBytes"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("not a certificate"))));
            case "certificate-base64-truncated":
                return Verify(Mutate(good, b => b["verificationMaterial"]!["certificate"]!["rawBytes"] = b["verificationMaterial"]!["certificate"]!["rawBytes"]!.GetValue<string>()[..101]));
            case "not-json":
                return Verify(Encoding.UTF8.GetBytes("{\"mediaType\": "));
            case "wrong-subject":
                return Verify(good, policy: Policy(subject: "mallory@example.test"));
            case "wrong-issuer":
                return Verify(good, policy: Policy(issuer: "https://accounts.example.test"));
            case "regexp-does-not-match":
                return Verify(good, policy: Policy(subjectRegExp: "^bob@"));
            case "github-repository-differs":
                return Verify(GitHubSigned(), policy: Policy(subject: null, subjectRegExp: "^https://github.com/octo/app/", issuer: "https://token.actions.githubusercontent.com", github: new GitHubWorkflowClaims(null, null, null, "octo/other", null)));
            case "github-ref-differs":
                return Verify(GitHubSigned(), policy: Policy(subject: null, subjectRegExp: "^https://github.com/octo/app/", issuer: "https://token.actions.githubusercontent.com", github: new GitHubWorkflowClaims(null, null, null, null, "refs/heads/evil")));
            case "no-code-signing-eku":
                return Verify(Signed(identity: new TestIdentity(Email, Issuer) { CodeSigning = false }));
            case "certificate-expired-at-signing":
                return Verify(Signed(new TestBundleOptions { CertificateNotBefore = new DateTimeOffset(2025, 10, 1, 11, 40, 0, TimeSpan.Zero) }));
            case "certificate-not-yet-valid-at-signing":
                return Verify(Signed(new TestBundleOptions { CertificateNotBefore = new DateTimeOffset(2025, 10, 1, 12, 5, 0, TimeSpan.Zero) }));
            case "chain-does-not-reach-root":
                var mixed = JsonNode.Parse(_sigstore.TrustedRootJson())!.AsObject();
                mixed["certificateAuthorities"] = JsonNode.Parse(_other.TrustedRootJson())!["certificateAuthorities"]!.DeepClone();
                return Verify(good, root: TrustedRootReader.Read(Encoding.UTF8.GetBytes(mixed.ToJsonString()), "mixed").GetValueOrThrow());
            case "no-sct":
                return Verify(Signed(identity: new TestIdentity(Email, Issuer) { EmbedSct = false }));
            case "sct-log-not-trusted":
                return Verify(good, root: TrustedRootReader.Read(RootWithout(_sigstore.TrustedRootJson(), "ctlogs"), "no ct logs").GetValueOrThrow());
            case "integrated-time-changed":
                return Verify(Mutate(good, b => Entry(b)["integratedTime"] = (long.Parse(Entry(b)["integratedTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            case "set-flipped":
                return Verify(Mutate(good, b => Entry(b)["inclusionPromise"]!["signedEntryTimestamp"] = Flip(Entry(b)["inclusionPromise"]!["signedEntryTimestamp"]!.GetValue<string>())));
            case "log-index-changed":
                return Verify(Mutate(good, b => Entry(b)["logIndex"] = "1"));
            case "body-replaced":
                var otherBody = JsonNode.Parse(Signed())!.AsObject();
                return Verify(Mutate(good, b => Entry(b)["canonicalizedBody"] = Entry(otherBody)["canonicalizedBody"]!.GetValue<string>()));
            case "proof-hash-flipped":
                return Verify(Mutate(good, b => Entry(b)["inclusionProof"]!["hashes"]![0] = Flip(Entry(b)["inclusionProof"]!["hashes"]![0]!.GetValue<string>(), 0)));
            case "proof-root-flipped":
                return Verify(Mutate(good, b => Entry(b)["inclusionProof"]!["rootHash"] = Flip(Entry(b)["inclusionProof"]!["rootHash"]!.GetValue<string>(), 0)));
            case "proof-tree-size-changed":
                return Verify(Mutate(good, b => Entry(b)["inclusionProof"]!["treeSize"] = "14"));
            case "proof-index-changed":
                return Verify(Mutate(good, b => Entry(b)["inclusionProof"]!["logIndex"] = "5"));
            case "proof-hash-removed":
                return Verify(Mutate(good, b => Entry(b)["inclusionProof"]!["hashes"]!.AsArray().RemoveAt(0)));
            case "checkpoint-signature-flipped":
                return Verify(Mutate(good, b =>
                {
                    var envelope = Entry(b)["inclusionProof"]!["checkpoint"]!["envelope"]!.GetValue<string>();
                    var lines = envelope.TrimEnd('\n').Split('\n');
                    var space = lines[^1].LastIndexOf(' ');
                    lines[^1] = lines[^1][..(space + 1)] + Flip(lines[^1][(space + 1)..]);
                    Entry(b)["inclusionProof"]!["checkpoint"]!["envelope"] = string.Join('\n', lines) + "\n";
                }));
            case "checkpoint-signed-by-unknown-key":
                return Verify(Mutate(good, b =>
                {
                    var proof = Entry(b)["inclusionProof"]!;
                    var checkpoint = _other.Checkpoint(long.Parse(proof["treeSize"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(proof["rootHash"]!.GetValue<string>()));
                    proof["checkpoint"]!["envelope"] = checkpoint;
                }));
            case "checkpoint-malformed":
                return Verify(Mutate(good, b => Entry(b)["inclusionProof"]!["checkpoint"]!["envelope"] = "rekor\nnot a size\n"));
            case "unknown-log":
                return Verify(Mutate(good, b => Entry(b)["logId"]!["keyId"] = Convert.ToBase64String(_other.LogId)));
            case "no-log-entry":
                return Verify(Mutate(good, b => b["verificationMaterial"]!["tlogEntries"] = new JsonArray()));
            case "no-verified-time":
                return Verify(Mutate(good, b => Entry(b).Remove("inclusionPromise")));
            case "timestamp-flipped":
                return Verify(Mutate(Signed(new TestBundleOptions { Timestamp = true }), b =>
                {
                    var stamp = b["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]![0]!;
                    stamp["signedTimestamp"] = Flip(stamp["signedTimestamp"]!.GetValue<string>());
                }));
            case "timestamp-from-unknown-tsa":
                return Verify(Signed(new TestBundleOptions { Timestamp = true }), root: TrustedRootReader.Read(RootWithout(_sigstore.TrustedRootJson(), "timestampAuthorities"), "no tsa").GetValueOrThrow());
            case "timestamp-over-other-data":
                return Verify(Mutate(Signed(new TestBundleOptions { Timestamp = true }), b =>
                {
                    var token = _sigstore.Tsa.Timestamp(Encoding.UTF8.GetBytes("other data"), new DateTimeOffset(2025, 10, 1, 12, 0, 0, TimeSpan.Zero));
                    b["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]![0]!["signedTimestamp"] = Convert.ToBase64String(token);
                }));
            case "key-based-bundle":
                return Verify(KeyBundle(out _));
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "unknown mutation");
        }
    }

    private byte[] GitHubSigned() => Signed(identity: new TestIdentity("https://github.com/octo/app/.github/workflows/release.yml@refs/tags/v1.0.0", "https://token.actions.githubusercontent.com")
    {
        GitHub = ("push", "0123456789abcdef0123456789abcdef01234567", "release", "octo/app", "refs/tags/v1.0.0"),
    });

    [Fact]
    public void GitHub_claims_that_match_pass()
    {
        var result = Verify(GitHubSigned(), policy: Policy(subject: null, subjectRegExp: "^https://github.com/octo/app/", issuer: "https://token.actions.githubusercontent.com",
            github: new GitHubWorkflowClaims("push", "0123456789abcdef0123456789abcdef01234567", "release", "octo/app", "refs/tags/v1.0.0")));

        Assert.True(result.IsValid, result.Status.Message);
        Assert.Equal("octo/app", result.Identity!.GitHub.Repository);
    }

    private static byte[] KeyBundle(out IVerifier verifier)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        verifier = PublicKeyReader.FromSubjectPublicKeyInfo(spki).GetValueOrThrow();
        var signature = key.SignData(Artifact, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var bundle = new JsonObject
        {
            ["mediaType"] = SigstoreBundle.MediaTypeV03,
            ["verificationMaterial"] = new JsonObject { ["publicKey"] = new JsonObject { ["hint"] = verifier.KeyHint } },
            ["messageSignature"] = new JsonObject
            {
                ["messageDigest"] = new JsonObject { ["algorithm"] = "SHA2_256", ["digest"] = Convert.ToBase64String(SHA256.HashData(Artifact)) },
                ["signature"] = Convert.ToBase64String(signature),
            },
        };
        return Encoding.UTF8.GetBytes(bundle.ToJsonString());
    }

    private byte[] LoggedKeyBundle(out IVerifier verifier, bool timestamp = false)
    {
        var bundle = KeyBundle(out verifier);
        return _sigstore.AddLogEntry(bundle, verifier.PublicKey.ToArray(), new TestBundleOptions { Timestamp = timestamp });
    }

    [Fact]
    public void A_key_based_bundle_with_valid_log_and_timestamp_evidence_verifies()
    {
        var bundle = LoggedKeyBundle(out var key, timestamp: true);

        var result = BundleVerifier.VerifyMessage(bundle, Artifact, key, Root);

        Assert.True(result.IsValid, result.Message);
        Assert.Contains("log entry 90006", result.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, VerificationFailure> KeyEvidenceCases() => new()
    {
        { "set-flipped", VerificationFailure.TlogPromiseInvalid },
        { "proof-hash-flipped", VerificationFailure.TlogInclusionProofInvalid },
        { "checkpoint-signature-flipped", VerificationFailure.TlogCheckpointInvalid },
        { "body-of-another-key", VerificationFailure.TlogBodyMismatch },
        { "unknown-log", VerificationFailure.TlogUnknown },
        { "timestamp-flipped", VerificationFailure.TimestampInvalid },
        { "certificate-in-the-log-body", VerificationFailure.TlogBodyMismatch },
    };

    [Theory]
    [MemberData(nameof(KeyEvidenceCases))]
    public void A_key_based_bundle_with_invalid_evidence_fails_though_its_signature_verifies(string mutation, VerificationFailure failure)
    {
        var bundle = LoggedKeyBundle(out var key, timestamp: true);
        var tampered = mutation switch
        {
            "set-flipped" => Mutate(bundle, b => Entry(b)["inclusionPromise"]!["signedEntryTimestamp"] = Flip(Entry(b)["inclusionPromise"]!["signedEntryTimestamp"]!.GetValue<string>())),
            "proof-hash-flipped" => Mutate(bundle, b => Entry(b)["inclusionProof"]!["hashes"]![0] = Flip(Entry(b)["inclusionProof"]!["hashes"]![0]!.GetValue<string>(), 0)),
            "checkpoint-signature-flipped" => Mutate(bundle, b => Entry(b)["inclusionProof"]!["checkpoint"]!["envelope"] = _other.Checkpoint(13, Convert.FromBase64String(Entry(b)["inclusionProof"]!["rootHash"]!.GetValue<string>()))),
            "body-of-another-key" => _sigstore.AddLogEntry(KeyBundle(out _), ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo()),
            "unknown-log" => Mutate(bundle, b => Entry(b)["logId"]!["keyId"] = Convert.ToBase64String(_other.LogId)),
            "timestamp-flipped" => Mutate(bundle, b =>
            {
                var stamp = b["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]![0]!;
                stamp["signedTimestamp"] = Flip(stamp["signedTimestamp"]!.GetValue<string>());
            }),
            _ => bundle,
        };
        if (mutation == "body-of-another-key")
        {
            // The signature is this key's; only the log names another key.
            tampered = Mutate(tampered, b => b["messageSignature"] = JsonNode.Parse(bundle)!["messageSignature"]!.DeepClone());
        }

        if (mutation == "certificate-in-the-log-body")
        {
            // A keyless entry (its SET and proof are valid) attached to a key-based bundle.
            var keyless = JsonNode.Parse(Signed())!.AsObject();
            tampered = Mutate(bundle, b => b["verificationMaterial"]!["tlogEntries"] = new JsonArray(Entry(keyless).DeepClone()));
        }

        var result = BundleVerifier.VerifyMessage(tampered, Artifact, key, Root);

        Assert.False(result.IsValid, $"{mutation} passed: {result.Message}");
        Assert.Equal(failure, result.Failure);
    }

    [Fact]
    public void Insecure_ignore_tlog_skips_the_log_evidence_of_a_key_based_bundle_as_cosign_does()
    {
        var bundle = Mutate(LoggedKeyBundle(out var key), b => Entry(b)["inclusionPromise"]!["signedEntryTimestamp"] = Flip(Entry(b)["inclusionPromise"]!["signedEntryTimestamp"]!.GetValue<string>()));

        Assert.False(BundleVerifier.VerifyMessage(bundle, Artifact, key, Root).IsValid);
        Assert.True(BundleVerifier.VerifyMessage(bundle, Artifact, key, Root, ignoreTlog: true).IsValid);
    }
}
