using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PipelineGuard.Provenance;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Provenance;

/// <summary>Signatures and provenance held as OCI 1.1 referrer Sigstore bundles count as evidence, checked as strictly as the cosign tags.</summary>
public sealed class ReferrerEvidenceTests : IDisposable
{
    private const string Name = "registry.pipelineguard.test/base/referred";
    private const string TrustedBuilder = "https://builds.pipelineguard.test/trusted@v1";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
    private readonly EcdsaSigner _baseKey = EcdsaSigner.Generate();
    private readonly EcdsaSigner _builderKey = EcdsaSigner.Generate();
    private readonly EcdsaSigner _otherKey = EcdsaSigner.Generate();

    public void Dispose()
    {
        _baseKey.Dispose();
        _builderKey.Dispose();
        _otherKey.Dispose();
    }

    private static readonly BaseImageRules Rules = new()
    {
        RequireDigest = true,
        Signature = new SignatureRequirement(["base.pub"]),
        Attestations = [new AttestationRequirement { PredicateType = PredicateTypeNames.SlsaV1, Keys = ["builder.pub"], BuilderIds = [TrustedBuilder] }],
        MaxAgeDays = 365,
    };

    private static OciLayoutImage NewImage(string marker) =>
        new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/marker", marker + "\n")).WithCreated(Now.AddDays(-3)).Write(RepositoryPaths.NewTempDirectory("referred"), "1");

    private static async Task SignAsync(OciLayoutImage image, EcdsaSigner key)
    {
        var signature = await key.SignAsync(image.Manifest.Bytes);
        var bundle = new SigstoreBundle(SigstoreBundle.MediaTypeV03, PublicKeyHint.Compute(key.PublicKey.Span), new MessageSignature(SHA256.HashData(image.Manifest.Bytes), signature), null);
        await ReferrerBundleWriter.AttachAsync(image.Directory, image, BundleWriter.Write(bundle));
    }

    private static async Task AttestAsync(OciLayoutImage image, string subjectDigest, string builder, EcdsaSigner key)
    {
        var statement = new InTotoStatement(
            [new InTotoSubject(Name, new Dictionary<string, string> { ["sha256"] = subjectDigest["sha256:".Length..] })],
            PredicateTypeNames.SlsaV1,
            CosignImageWriter.SlsaProvenance(builder, "git+https://git.pipelineguard.test/base/referred"));
        var envelope = await Dsse.SignAsync(key, Dsse.InTotoPayloadType, statement.ToJson());
        await ReferrerBundleWriter.AttachAsync(image.Directory, image, BundleWriter.Write(new SigstoreBundle(SigstoreBundle.MediaTypeV03, PublicKeyHint.Compute(key.PublicKey.Span), null, envelope)));
    }

    private async Task<BaseImageAssessment> CheckAsync(OciLayoutImage image)
    {
        var keys = new List<TrustedKey> { new("base.pub", _baseKey.CreateVerifier()), new("builder.pub", _builderKey.CreateVerifier()) };
        var collector = new ImageEvidenceCollector(keys, new ImageEvidenceOptions { Layouts = new Dictionary<string, string> { [Name] = image.Directory } });
        var written = new BaseImageFacts
        {
            Written = $"{Name}:1@{image.Manifest.Digest}",
            Registry = "registry.pipelineguard.test",
            Repository = "base/referred",
            Tag = "1",
            WrittenDigest = image.Manifest.Digest,
            Location = new SourceLocation("Dockerfile", 1, 6, 40),
        };
        return BaseImageEvaluator.Evaluate(Rules, await collector.CollectAsync(written, Rules), Now);
    }

    private static RuleCheck Check(BaseImageAssessment assessment, string ruleId) => assessment.Checks.Single(c => c.RuleId == ruleId);

    [Fact]
    public async Task A_message_signature_and_trusted_provenance_held_as_referrers_pass()
    {
        var image = NewImage("trusted");
        await SignAsync(image, _baseKey);
        await AttestAsync(image, image.Manifest.Digest, TrustedBuilder, _builderKey);

        var assessment = await CheckAsync(image);

        Assert.True(assessment.Passed, string.Join("\n", assessment.Checks.Select(c => $"{c.RuleId} {c.Outcome} {c.Message}")));
        Assert.Equal(["base.pub"], assessment.Facts.Signatures!.VerifiedBy);
        Assert.Equal(1, assessment.Facts.Attestations!.Found);
        Assert.Equal(["builder.pub"], Assert.Single(assessment.Facts.Attestations.Verified).SignedBy);
    }

    [Fact]
    public async Task Referrers_signed_by_an_untrusted_key_fail_and_say_so()
    {
        var image = NewImage("untrusted");
        await SignAsync(image, _otherKey);
        await AttestAsync(image, image.Manifest.Digest, TrustedBuilder, _otherKey);

        var assessment = await CheckAsync(image);

        Assert.Equal(CheckOutcome.Fail, Check(assessment, ProvenanceRuleIds.Signature).Outcome);
        Assert.Equal(1, assessment.Facts.Signatures!.Found);
        Assert.Contains(assessment.Facts.Signatures.Problems!, p => p.Contains("referrer bundle", StringComparison.Ordinal));
        Assert.Equal(CheckOutcome.Fail, Check(assessment, ProvenanceRuleIds.Attestation).Outcome);
        Assert.Empty(assessment.Facts.Attestations!.Verified);
    }

    [Fact]
    public async Task Provenance_about_another_digest_or_from_an_untrusted_builder_does_not_count()
    {
        var image = NewImage("elsewhere");
        var other = NewImage("other");
        await SignAsync(image, _baseKey);
        await AttestAsync(image, other.Manifest.Digest, TrustedBuilder, _builderKey);
        await AttestAsync(image, image.Manifest.Digest, "https://builds.pipelineguard.test/untrusted@v1", _builderKey);

        var assessment = await CheckAsync(image);

        Assert.Equal(CheckOutcome.Pass, Check(assessment, ProvenanceRuleIds.Signature).Outcome);
        Assert.Equal(CheckOutcome.Fail, Check(assessment, ProvenanceRuleIds.Attestation).Outcome);
        Assert.Equal(2, assessment.Facts.Attestations!.Found);
        Assert.Contains("untrusted@v1 is not trusted", Check(assessment, ProvenanceRuleIds.Attestation).Message, StringComparison.Ordinal);
    }
}
