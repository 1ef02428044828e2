using PipelineGuard.Oci;
using PipelineGuard.Provenance;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Provenance;

/// <summary>Evidence gathered from a real registry and judged by the policy: signed, unsigned, trusted and untrusted builders, unpinned, gone.</summary>
public sealed class RegistryProvenanceTests : IClassFixture<RegistryFixture>, IDisposable
{
    private const string TrustedBuilder = "https://builds.pipelineguard.test/trusted@v1";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
    private readonly RegistryFixture _registry;
    private readonly EcdsaSigner _baseKey = EcdsaSigner.Generate();
    private readonly EcdsaSigner _builderKey = EcdsaSigner.Generate();
    private readonly EcdsaSigner _otherKey = EcdsaSigner.Generate();

    public RegistryProvenanceTests(RegistryFixture registry) => _registry = registry;

    public void Dispose()
    {
        _baseKey.Dispose();
        _builderKey.Dispose();
        _otherKey.Dispose();
    }

    private IReadOnlyList<TrustedKey> Keys => [new("base.pub", _baseKey.CreateVerifier()), new("builder.pub", _builderKey.CreateVerifier())];

    private static readonly BaseImageRules Rules = new()
    {
        RequireDigest = true,
        Signature = new SignatureRequirement(["base.pub"]),
        Attestations = [new AttestationRequirement { PredicateType = PredicateTypeNames.SlsaV1, Keys = ["builder.pub"], BuilderIds = [TrustedBuilder], SourceRepositoryPrefixes = ["git+https://git.pipelineguard.test/base/"] }],
        MaxAgeDays = 365,
    };

    private ImageEvidenceOptions Options => new()
    {
        Registry = new RegistryClientOptions { RequestTimeout = TimeSpan.FromSeconds(5), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(20) },
        AllowHttp = ["127.0.0.1:*"],
    };

    private async Task<Digest> PushAsync(RegistryFixture registry, string repository, string marker)
    {
        var image = new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/base-release", marker + "\n")).WithCreated(Now.AddDays(-3)).Write(RepositoryPaths.NewTempDirectory("base"), "1");
        using var client = new RegistryClient(registry.Host, new RegistryClientOptions { AllowHttp = true });
        using var layout = OciLayoutStore.Open(image.Directory);
        return await ImageCopier.CopyAsync(layout, string.Empty, "1", client, repository, "1");
    }

    private async Task SignAsync(string repository, Digest digest, ISigner key)
    {
        await CosignImageWriter.SignAsync($"{_registry.Host}/{repository}@{digest}", key);
    }

    private async Task AttestAsync(string repository, Digest digest, string builder, ISigner key)
    {
        await CosignImageWriter.AttestAsync($"{_registry.Host}/{repository}@{digest}", PredicateTypeNames.SlsaV1, CosignImageWriter.SlsaProvenance(builder, "git+https://git.pipelineguard.test/base/runtime@refs/heads/main"), key);
    }

    private BaseImageFacts Written(string repository, Digest? digest, RegistryFixture? registry = null)
    {
        var host = (registry ?? _registry).Host;
        return new BaseImageFacts
        {
            Written = $"{host}/{repository}:1" + (digest is null ? string.Empty : $"@{digest}"),
            Registry = host,
            Repository = repository,
            Tag = "1",
            WrittenDigest = digest?.ToString(),
            Location = new SourceLocation("Dockerfile", 1, 6, 40),
        };
    }

    private async Task<BaseImageAssessment> CheckAsync(BaseImageFacts written, BaseImageRules? rules = null)
    {
        var collector = new ImageEvidenceCollector(Keys, Options);
        var facts = await collector.CollectAsync(written, rules ?? Rules);
        return BaseImageEvaluator.Evaluate(rules ?? Rules, facts, Now);
    }

    private static CheckOutcome Outcome(BaseImageAssessment assessment, string ruleId) => assessment.Checks.Single(c => c.RuleId == ruleId).Outcome;

    [Fact]
    public async Task A_signed_base_image_from_a_trusted_builder_passes_every_rule()
    {
        var digest = await PushAsync(_registry, "base/signed", "signed");
        await SignAsync("base/signed", digest, _baseKey);
        await AttestAsync("base/signed", digest, TrustedBuilder, _builderKey);

        var assessment = await CheckAsync(Written("base/signed", digest));

        Assert.True(assessment.Passed, string.Join("\n", assessment.Checks.Select(c => $"{c.RuleId} {c.Outcome} {c.Message}")));
        Assert.Equal(digest.ToString(), assessment.Facts.ResolvedDigest);
        Assert.Equal(Now.AddDays(-3), assessment.Facts.Created);
        Assert.Equal(["base.pub"], assessment.Facts.Signatures!.VerifiedBy);
    }

    [Fact]
    public async Task An_unsigned_base_image_fails_the_signature_rule()
    {
        var digest = await PushAsync(_registry, "base/unsigned", "unsigned");
        var assessment = await CheckAsync(Written("base/unsigned", digest));
        Assert.Equal(CheckOutcome.Fail, Outcome(assessment, ProvenanceRuleIds.Signature));
        Assert.Contains("No signature is stored", assessment.Checks.Single(c => c.RuleId == ProvenanceRuleIds.Signature).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_by_an_untrusted_key_fails()
    {
        var digest = await PushAsync(_registry, "base/other-key", "other-key");
        await SignAsync("base/other-key", digest, _otherKey);
        var assessment = await CheckAsync(Written("base/other-key", digest));
        Assert.Equal(CheckOutcome.Fail, Outcome(assessment, ProvenanceRuleIds.Signature));
        Assert.Equal(1, assessment.Facts.Signatures!.Found);
    }

    [Fact]
    public async Task Provenance_from_an_untrusted_builder_fails_and_from_a_trusted_one_passes()
    {
        var digest = await PushAsync(_registry, "base/builders", "builders");
        await SignAsync("base/builders", digest, _baseKey);
        await AttestAsync("base/builders", digest, "https://builds.pipelineguard.test/untrusted@v1", _builderKey);

        var untrusted = await CheckAsync(Written("base/builders", digest));
        Assert.Equal(CheckOutcome.Fail, Outcome(untrusted, ProvenanceRuleIds.Attestation));
        Assert.Contains("untrusted@v1 is not trusted", untrusted.Checks.Single(c => c.RuleId == ProvenanceRuleIds.Attestation).Message, StringComparison.Ordinal);

        await AttestAsync("base/builders", digest, TrustedBuilder, _builderKey);
        var trusted = await CheckAsync(Written("base/builders", digest));
        Assert.Equal(CheckOutcome.Pass, Outcome(trusted, ProvenanceRuleIds.Attestation));
    }

    [Fact]
    public async Task Provenance_signed_by_an_untrusted_key_fails()
    {
        var digest = await PushAsync(_registry, "base/forged", "forged");
        await AttestAsync("base/forged", digest, TrustedBuilder, _otherKey);
        var assessment = await CheckAsync(Written("base/forged", digest));
        Assert.Equal(CheckOutcome.Fail, Outcome(assessment, ProvenanceRuleIds.Attestation));
    }

    [Fact]
    public async Task An_unpinned_base_fails_require_digest_and_names_the_digest_it_resolves_to()
    {
        var digest = await PushAsync(_registry, "base/unpinned", "unpinned");
        await SignAsync("base/unpinned", digest, _baseKey);
        var assessment = await CheckAsync(Written("base/unpinned", digest: null));
        var check = assessment.Checks.Single(c => c.RuleId == ProvenanceRuleIds.RequireDigest);
        Assert.Equal(CheckOutcome.Fail, check.Outcome);
        Assert.Contains(digest.ToString(), check.Message, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Pass, Outcome(assessment, ProvenanceRuleIds.Signature));
    }

    [Fact]
    public async Task A_registry_that_has_gone_away_is_a_failure_never_a_pass()
    {
        var gone = new RegistryFixture();
        await gone.InitializeAsync();
        var digest = await PushAsync(gone, "base/gone", "gone");
        await gone.DisposeAsync();

        var assessment = await CheckAsync(Written("base/gone", digest, gone));

        Assert.False(assessment.Passed);
        Assert.NotNull(assessment.Facts.ResolutionError);
        Assert.Equal(CheckOutcome.CouldNotCheck, Outcome(assessment, ProvenanceRuleIds.Signature));
        Assert.Equal(CheckOutcome.CouldNotCheck, Outcome(assessment, ProvenanceRuleIds.Attestation));
        Assert.Equal(CheckOutcome.CouldNotCheck, Outcome(assessment, ProvenanceRuleIds.MaxAge));
        Assert.DoesNotContain(assessment.Checks, c => c.RuleId != ProvenanceRuleIds.RequireDigest && c.Outcome == CheckOutcome.Pass);
    }

    [Fact]
    public async Task A_tag_that_does_not_exist_cannot_be_checked()
    {
        var assessment = await CheckAsync(Written("base/never-pushed", digest: null));
        Assert.Contains("never-pushed", assessment.Facts.ResolutionError ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.CouldNotCheck, Outcome(assessment, ProvenanceRuleIds.Signature));
    }
}
