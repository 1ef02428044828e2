using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PipelineGuard.Provenance;
using PipelineGuard.Signing;
using PipelineGuard.Signing.Keyless;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Sigstore;
using Xunit;

namespace PipelineGuard.Core.Tests.Provenance;

/// <summary>
/// Keyless evidence for the base-image and produced-image rules: cosign's keyless <c>.sig</c>/<c>.att</c> layers and keyless
/// referrer bundles, verified with the policy's identities; a key or an identity meets a requirement; evidence names the
/// signer and the log index; tampered or misdirected signatures never count.
/// </summary>
public sealed class KeylessEvidenceTests : IDisposable
{
    private const string Name = "registry.pipelineguard.test/base/keyless";
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private const string Workflow = "https://github.com/acme/base/.github/workflows/release.yaml@refs/heads/main";
    private const string TrustedBuilder = "https://builds.pipelineguard.test/trusted@v1";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
    private static readonly TestIdentity Releaser = new(Workflow, Issuer);
    private readonly TestSigstore _sigstore = new();
    private readonly EcdsaSigner _baseKey = EcdsaSigner.Generate();
    private readonly TrustedRoot _root;

    public KeylessEvidenceTests() => _root = TrustedRootReader.Read(_sigstore.TrustedRootJson(), "test root").GetValueOrThrow();

    public void Dispose()
    {
        _sigstore.Dispose();
        _baseKey.Dispose();
    }

    private static readonly KeylessIdentity Trusted = new() { Issuer = Issuer, Subject = Workflow, TrustedRoot = "root.json" };

    private TrustedIdentity Resolve(KeylessIdentity identity) =>
        new(identity.Name, new KeylessVerificationOptions(_root, CertificateIdentityPolicy.Create(identity.Subject, identity.SubjectRegExp, identity.Issuer, identity.IssuerRegExp, identity.GitHub).GetValueOrThrow()));

    private static OciLayoutImage NewImage(string marker) =>
        new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/marker", marker + "\n")).WithCreated(Now.AddDays(-3)).Write(RepositoryPaths.NewTempDirectory("keyless-evidence"), "1");

    private async Task<BaseImageAssessment> CheckAsync(OciLayoutImage image, BaseImageRules rules, params KeylessIdentity[] identities)
    {
        var collector = new ImageEvidenceCollector([new TrustedKey("base.pub", _baseKey.CreateVerifier())], identities.Select(Resolve).ToList(),
            new ImageEvidenceOptions { Layouts = new Dictionary<string, string> { [Name] = image.Directory } });
        var written = new BaseImageFacts
        {
            Written = $"{Name}:1@{image.Manifest.Digest}",
            Registry = "registry.pipelineguard.test",
            Repository = "base/keyless",
            Tag = "1",
            WrittenDigest = image.Manifest.Digest,
        };
        return BaseImageEvaluator.Evaluate(rules, await collector.CollectAsync(written, rules), Now);
    }

    private static RuleCheck Check(BaseImageAssessment assessment, string ruleId) => assessment.Checks.Single(c => c.RuleId == ruleId);

    private static BaseImageRules SignatureBy(IReadOnlyList<string> keys, params KeylessIdentity[] identities) =>
        new() { Signature = new SignatureRequirement(keys) { Identities = identities } };

    [Fact]
    public async Task A_keyless_signature_layer_passes_for_the_trusted_identity_with_the_signer_and_log_index_as_evidence()
    {
        var image = NewImage("signed");
        await KeylessImageWriter.SignAsync(_sigstore, image.Reference, Releaser);

        var assessment = await CheckAsync(image, SignatureBy([], Trusted), Trusted);

        var check = Check(assessment, ProvenanceRuleIds.Signature);
        Assert.Equal(CheckOutcome.Pass, check.Outcome);
        Assert.Equal($"Signed by {Trusted.Name}.", check.Message);
        var signer = Assert.Single(assessment.Facts.Signatures!.Keyless!);
        Assert.Equal((Trusted.Name, Workflow, Issuer), (signer.VerifiedBy, signer.Subject, signer.Issuer));
        Assert.NotNull(signer.LogIndex);
        Assert.Contains(check.Evidence, e => e.StartsWith($"signature verified for {Trusted.Name}: keyless signer {Workflow} (issuer {Issuer}), transparency log index {signer.LogIndex}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_identity_fails_showing_expected_and_found_and_a_key_or_an_identity_meets_the_requirement()
    {
        var keyless = NewImage("keyless-only");
        await KeylessImageWriter.SignAsync(_sigstore, keyless.Reference, Releaser);
        var keyed = NewImage("key-only");
        await CosignImageWriter.SignAsync(keyed.Reference, _baseKey);
        var other = Trusted with { Subject = "https://github.com/acme/other/.github/workflows/release.yaml@refs/heads/main" };

        var wrong = Check(await CheckAsync(keyless, SignatureBy([], other), other), ProvenanceRuleIds.Signature);
        var eitherKeyless = Check(await CheckAsync(keyless, SignatureBy(["base.pub"], Trusted), Trusted), ProvenanceRuleIds.Signature);
        var eitherKeyed = Check(await CheckAsync(keyed, SignatureBy(["base.pub"], Trusted), Trusted), ProvenanceRuleIds.Signature);
        var keyOnly = Check(await CheckAsync(keyless, SignatureBy(["base.pub"])), ProvenanceRuleIds.Signature);

        Assert.Equal(CheckOutcome.Fail, wrong.Outcome);
        Assert.Contains($"expected identity '{other.Subject}', found '{Workflow}'", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Pass, eitherKeyless.Outcome);
        Assert.Equal(CheckOutcome.Pass, eitherKeyed.Outcome);
        Assert.Contains("signature verified with base.pub", eitherKeyed.Evidence);
        Assert.Equal(CheckOutcome.Fail, keyOnly.Outcome);
    }

    [Fact]
    public async Task A_keyless_signature_copied_from_another_image_or_from_an_untrusted_sigstore_does_not_count()
    {
        var source = NewImage("source");
        await KeylessImageWriter.SignAsync(_sigstore, source.Reference, Releaser);
        var target = NewImage("target");
        using (var store = PipelineGuard.Oci.OciLayoutStore.Open(source.Directory))
        using (var to = PipelineGuard.Oci.OciLayoutStore.Open(target.Directory))
        {
            var sourceDigest = PipelineGuard.Oci.Digest.Parse(source.Manifest.Digest);
            var manifest = await store.GetManifestAsync(string.Empty, sourceDigest.ToTagSchema() + ".sig");
            foreach (var layer in manifest.Parse("sig").Layers.Append(manifest.Parse("sig").Config!))
            {
                var blob = await store.GetBlobAsync(string.Empty, layer.Digest, 1 << 20);
                await to.PutBlobAsync(string.Empty, layer.Digest, new MemoryStream(blob), blob.Length);
            }

            await to.PutManifestAsync(string.Empty, PipelineGuard.Oci.Digest.Parse(target.Manifest.Digest).ToTagSchema() + ".sig", manifest.Bytes, manifest.MediaType);
        }

        using var untrusted = new TestSigstore();
        var foreign = NewImage("foreign");
        await KeylessImageWriter.SignAsync(untrusted, foreign.Reference, Releaser);

        var copied = await CheckAsync(target, SignatureBy([], Trusted), Trusted);
        var unknown = await CheckAsync(foreign, SignatureBy([], Trusted), Trusted);

        Assert.Equal(CheckOutcome.Fail, Check(copied, ProvenanceRuleIds.Signature).Outcome);
        Assert.Contains($"the signature is for {source.Manifest.Digest}, not for the image {target.Manifest.Digest}", Check(copied, ProvenanceRuleIds.Signature).Message, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Fail, Check(unknown, ProvenanceRuleIds.Signature).Outcome);
        Assert.Null(unknown.Facts.Signatures!.Keyless);
    }

    [Fact]
    public async Task Keyless_provenance_layers_and_referrer_bundles_pass_the_attestation_rule_for_the_trusted_identity_and_builder()
    {
        var layered = NewImage("att-layer");
        await KeylessImageWriter.AttestAsync(_sigstore, layered.Reference, PredicateTypeNames.SlsaV1, CosignImageWriter.SlsaProvenance(TrustedBuilder, "git+https://git.test/base"), Releaser);
        var referred = NewImage("att-referrer");
        var statement = new InTotoStatement([new InTotoSubject(Name, new Dictionary<string, string> { ["sha256"] = referred.Manifest.Digest["sha256:".Length..] })],
            PredicateTypeNames.SlsaV1, CosignImageWriter.SlsaProvenance(TrustedBuilder, "git+https://git.test/base"));
        await ReferrerBundleWriter.AttachAsync(referred.Directory, referred, _sigstore.SignStatement(statement.ToJson(), Releaser));
        var rules = new BaseImageRules { Attestations = [new AttestationRequirement { PredicateType = PredicateTypeNames.SlsaV1, Identities = [Trusted], BuilderIds = [TrustedBuilder] }] };
        var other = Trusted with { Subject = "release@acme.test" };
        var otherRules = new BaseImageRules { Attestations = [new AttestationRequirement { PredicateType = PredicateTypeNames.SlsaV1, Identities = [other] }] };

        foreach (var image in new[] { layered, referred })
        {
            var pass = Check(await CheckAsync(image, rules, Trusted), ProvenanceRuleIds.Attestation);
            var fail = Check(await CheckAsync(image, otherRules, other), ProvenanceRuleIds.Attestation);

            Assert.Equal(CheckOutcome.Pass, pass.Outcome);
            Assert.Contains(pass.Evidence, e => e.StartsWith($"attestation verified for {Trusted.Name}: keyless signer {Workflow}", StringComparison.Ordinal) && e.Contains("transparency log index", StringComparison.Ordinal));
            Assert.Equal(CheckOutcome.Fail, fail.Outcome);
            Assert.Contains("expected identity 'release@acme.test'", fail.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_produced_image_signed_and_sbom_attested_keyless_passes_its_rules_and_an_unsigned_one_fails()
    {
        var image = NewImage("produced");
        await ReferrerBundleWriter.AttachAsync(image.Directory, image, _sigstore.SignBlob(image.Manifest.Bytes, Releaser));
        await KeylessImageWriter.AttestAsync(_sigstore, image.Reference, PredicateTypeNames.CycloneDx, new JsonObject { ["bomFormat"] = "CycloneDX" }, Releaser);
        var unsigned = NewImage("produced-unsigned");
        var rules = new ProducedImageRules { References = [image.Reference], SignatureIdentities = [Trusted], SbomAttestationIdentities = [Trusted] };
        var collector = new ImageEvidenceCollector([], [Resolve(Trusted)]);

        var checks = ProducedImageEvaluator.Evaluate(rules, await collector.CollectProducedAsync(image.Reference, rules));
        var unsignedChecks = ProducedImageEvaluator.Evaluate(rules, await collector.CollectProducedAsync(unsigned.Reference, rules));

        Assert.All(checks, c => Assert.True(c.Outcome == CheckOutcome.Pass, c.Message));
        Assert.Equal([ProvenanceRuleIds.ImageSignature, ProvenanceRuleIds.ImageSbomAttestation], checks.Select(c => c.RuleId));
        Assert.All(unsignedChecks, c => Assert.Equal(CheckOutcome.Fail, c.Outcome));
    }

    [Fact]
    public async Task A_tampered_keyless_payload_or_signature_does_not_count()
    {
        var image = NewImage("tampered");
        var digest = image.Manifest.Digest;
        var payload = new SimpleSigningPayload("pipelineguard.test/keyless", digest, new Dictionary<string, JsonNode?>()).ToJson();
        var annotations = _sigstore.SignLayer(payload, Releaser);
        var flipped = (byte[])payload.Clone();
        flipped[^2] ^= 1;
        var badSignature = new Dictionary<string, string>(annotations) { [SimpleSigningPayload.SignatureAnnotation] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(70)) };
        var trustedIdentity = Resolve(Trusted);

        var (changedPayload, changed) = CosignKeylessLayerVerifier.VerifyLayer(new SignatureLayer(SimpleSigningPayload.MediaType, flipped, annotations), digest, trustedIdentity.Options, SignatureRequirements.KeyOnly);
        var (forgedPayload, forged) = CosignKeylessLayerVerifier.VerifyLayer(new SignatureLayer(SimpleSigningPayload.MediaType, payload, badSignature), digest, trustedIdentity.Options, SignatureRequirements.KeyOnly);
        var (goodPayload, good) = CosignKeylessLayerVerifier.VerifyLayer(new SignatureLayer(SimpleSigningPayload.MediaType, payload, annotations), digest, trustedIdentity.Options, SignatureRequirements.KeyOnly);

        Assert.True(good.IsValid, good.Status.Message);
        Assert.NotNull(goodPayload);
        Assert.Null(changedPayload);
        Assert.False(changed.IsValid);
        Assert.Null(forgedPayload);
        Assert.False(forged.IsValid);
    }
}
