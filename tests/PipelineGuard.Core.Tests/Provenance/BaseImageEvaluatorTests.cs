using System.Text.Json;
using PipelineGuard.Provenance;
using Xunit;

namespace PipelineGuard.Core.Tests.Provenance;

public sealed class BaseImageEvaluatorTests
{
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string OtherDigest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string BaseKey = "keys/base.pub";
    private const string BuilderKey = "keys/builder.pub";
    private const string TrustedBuilder = "https://builds.example.com/trusted-builder@v1";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static BaseImageFacts Debian(string? tag = "12", string? digest = null) => new()
    {
        Written = "registry.example.com/library/debian" + (tag is null ? string.Empty : ":" + tag) + (digest is null ? string.Empty : "@" + digest),
        Registry = "registry.example.com",
        Repository = "library/debian",
        Tag = tag,
        WrittenDigest = digest,
        ResolvedDigest = Digest,
        Created = Now.AddDays(-10),
        Signatures = new SignatureEvidence(1, [BaseKey]),
        Attestations = new AttestationEvidence(1, [Provenance(TrustedBuilder, "git+https://git.example.com/base/debian@refs/heads/main")]),
    };

    private static VerifiedAttestation Provenance(string builder, string source, string key = BuilderKey, string subject = Digest)
    {
        var predicate = JsonDocument.Parse(
            "{\"buildDefinition\":{\"buildType\":\"https://builds.example.com/container@v1\",\"externalParameters\":{\"source\":\"" + source + "\"},\"resolvedDependencies\":[]}," +
            "\"runDetails\":{\"builder\":{\"id\":\"" + builder + "\"}}}").RootElement.Clone();
        return new VerifiedAttestation(PredicateTypeNames.SlsaV1, [key], [subject], predicate);
    }

    private static RuleCheck Single(BaseImageRules rules, BaseImageFacts facts)
    {
        var assessment = BaseImageEvaluator.Evaluate(rules, facts, Now);
        return Assert.Single(assessment.Checks);
    }

    private static readonly AttestationRequirement SlsaFromTrustedBuilder = new()
    {
        PredicateType = PredicateTypeNames.SlsaV1,
        Keys = [BuilderKey],
        BuilderIds = [TrustedBuilder],
        SourceRepositoryPrefixes = ["git+https://git.example.com/base/"],
    };

    [Fact]
    public void Scratch_is_always_allowed_and_needs_no_evidence()
    {
        var rules = new BaseImageRules { RequireDigest = true, Signature = new([BaseKey]), AllowedRegistries = ["nowhere.example"] };
        var assessment = BaseImageEvaluator.Evaluate(rules, new BaseImageFacts { Written = "scratch", IsScratch = true }, Now);
        Assert.Empty(assessment.Checks);
        Assert.True(assessment.Passed);
    }

    [Fact]
    public void An_empty_policy_checks_nothing()
    {
        Assert.Empty(BaseImageEvaluator.Evaluate(new BaseImageRules(), Debian(), Now).Checks);
    }

    [Theory]
    [InlineData("registry.example.com", CheckOutcome.Pass)]
    [InlineData("*.example.com", CheckOutcome.Pass)]
    [InlineData("REGISTRY.EXAMPLE.COM", CheckOutcome.Pass)]
    [InlineData("docker.io", CheckOutcome.Fail)]
    [InlineData("*.example.org", CheckOutcome.Fail)]
    public void Allowed_registry_matches_host_patterns(string pattern, CheckOutcome expected)
    {
        var check = Single(new BaseImageRules { AllowedRegistries = [pattern] }, Debian());
        Assert.Equal(ProvenanceRuleIds.AllowedRegistry, check.RuleId);
        Assert.Equal(expected, check.Outcome);
        if (expected == CheckOutcome.Fail)
        {
            Assert.Contains("registry.example.com is not allowed", check.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("registry.example.com/library/*", CheckOutcome.Pass)]
    [InlineData("registry.example.com/**", CheckOutcome.Pass)]
    [InlineData("registry.example.com/*", CheckOutcome.Fail)]
    [InlineData("registry.example.com/team/*", CheckOutcome.Fail)]
    public void Allowed_repository_matches_with_single_and_double_star(string pattern, CheckOutcome expected)
    {
        var check = Single(new BaseImageRules { AllowedRepositories = [pattern] }, Debian());
        Assert.Equal(ProvenanceRuleIds.AllowedRepository, check.RuleId);
        Assert.Equal(expected, check.Outcome);
    }

    [Fact]
    public void Require_digest_passes_for_a_pinned_image_and_fails_for_a_tag_naming_the_resolved_digest()
    {
        var rules = new BaseImageRules { RequireDigest = true };
        Assert.Equal(CheckOutcome.Pass, Single(rules, Debian(digest: Digest)).Outcome);
        var failed = Single(rules, Debian());
        Assert.Equal(CheckOutcome.Fail, failed.Outcome);
        Assert.Contains(Digest, failed.Message, StringComparison.Ordinal);
        Assert.Contains("pipelineguard pin", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("registry.example.com/library/debian:1*", CheckOutcome.Fail)]
    [InlineData("registry.example.com/library/debian", CheckOutcome.Fail)]
    [InlineData("**/debian:*", CheckOutcome.Fail)]
    [InlineData("registry.example.com/library/debian:11", CheckOutcome.Pass)]
    [InlineData("**/ubuntu:*", CheckOutcome.Pass)]
    public void Denied_images_match_name_and_tag(string pattern, CheckOutcome expected)
    {
        var check = Single(new BaseImageRules { DeniedImages = [pattern] }, Debian());
        Assert.Equal(ProvenanceRuleIds.DeniedImage, check.RuleId);
        Assert.Equal(expected, check.Outcome);
    }

    [Fact]
    public void Denied_tags_fail_a_listed_tag_and_treat_a_bare_name_as_latest()
    {
        var rules = new BaseImageRules { DeniedTags = ["latest", "*-rc*"] };
        Assert.Equal(CheckOutcome.Pass, Single(rules, Debian()).Outcome);
        Assert.Equal(CheckOutcome.Fail, Single(rules, Debian(tag: "13-rc1")).Outcome);
        var bare = Single(rules, Debian(tag: null));
        Assert.Equal(CheckOutcome.Fail, bare.Outcome);
        Assert.Contains("means 'latest'", bare.Message, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Pass, Single(rules, Debian(tag: null, digest: Digest)).Outcome);
    }

    [Fact]
    public void Signature_passes_when_a_trusted_key_verified_it()
    {
        var check = Single(new BaseImageRules { Signature = new([BaseKey]) }, Debian());
        Assert.Equal(CheckOutcome.Pass, check.Outcome);
        Assert.Contains($"signature verified with {BaseKey}", check.Evidence);
    }

    [Fact]
    public void Signature_fails_when_unsigned_or_signed_by_another_key()
    {
        var rules = new BaseImageRules { Signature = new([BaseKey]) };
        var unsigned = Single(rules, Debian() with { Signatures = new SignatureEvidence(0, []) });
        Assert.Equal(CheckOutcome.Fail, unsigned.Outcome);
        Assert.Contains("No signature is stored", unsigned.Message, StringComparison.Ordinal);

        var other = Single(rules, Debian() with { Signatures = new SignatureEvidence(1, ["keys/other.pub"]) });
        Assert.Equal(CheckOutcome.Fail, other.Outcome);

        var bad = Single(rules, Debian() with { Signatures = new SignatureEvidence(2, [], Problems: ["signature does not verify"]) });
        Assert.Equal(CheckOutcome.Fail, bad.Outcome);
        Assert.Contains("signature does not verify", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_passes_when_any_configured_form_verifies_and_shows_the_notation_evidence()
    {
        var notation = new NotationRequirement { Preset = "microsoft-dotnet" };
        var rules = new BaseImageRules { Signature = new([BaseKey]) { Notation = notation } };
        var evidence = new PipelineGuard.Signing.Notation.NotationSignerEvidence("microsoft-dotnet", "supplychain", "strict", "application/cose", "CN=Signer, O=Example, C=US", ["CN=Signer, O=Example, C=US", "CN=CA", "CN=Root"], "2026-04-10T20:31:26Z by 'CN=TSA'", Digest, "index", []);

        var byNotation = Single(rules, Debian() with { Signatures = new SignatureEvidence(1, ["notation:microsoft-dotnet"]) { Notation = [evidence] } });
        Assert.Equal(CheckOutcome.Pass, byNotation.Outcome);
        Assert.Contains("CN=Signer, O=Example, C=US (Notary Project application/cose signature on the index digest, trust policy microsoft-dotnet, level strict, timestamped 2026-04-10T20:31:26Z", byNotation.Message, StringComparison.Ordinal);
        Assert.Contains($"notation: verified digest {Digest} (index)", byNotation.Evidence);
        Assert.Contains("notation: envelope application/cose", byNotation.Evidence);
        Assert.Empty(byNotation.Warnings);

        Assert.Equal(CheckOutcome.Pass, Single(rules, Debian()).Outcome);
        var neither = Single(rules, Debian() with { Signatures = new SignatureEvidence(1, ["notation:another-policy"]) });
        Assert.Equal(CheckOutcome.Fail, neither.Outcome);
        Assert.Contains("notation:microsoft-dotnet", neither.Message, StringComparison.Ordinal);

        var audited = Single(rules, Debian() with { Signatures = new SignatureEvidence(1, ["notation:microsoft-dotnet"]) { Notation = [evidence with { Level = "audit", Warnings = ["authenticity: no match"] }] } });
        Assert.Equal(CheckOutcome.Pass, audited.Outcome);
        Assert.Contains("level audit; logged, not enforced: authenticity: no match", Assert.Single(audited.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_could_not_be_checked_when_the_registry_is_gone_or_signatures_are_unreadable()
    {
        var rules = new BaseImageRules { Signature = new([BaseKey]) };
        var gone = Single(rules, Debian() with { ResolvedDigest = null, ResolutionError = "connection refused", Signatures = null });
        Assert.Equal(CheckOutcome.CouldNotCheck, gone.Outcome);
        Assert.Contains("connection refused", gone.Message, StringComparison.Ordinal);

        var unreadable = Single(rules, Debian() with { Signatures = new SignatureEvidence(0, [], Error: "HTTP 500") });
        Assert.Equal(CheckOutcome.CouldNotCheck, unreadable.Outcome);

        var notTried = Single(rules, Debian() with { Signatures = null });
        Assert.Equal(CheckOutcome.CouldNotCheck, notTried.Outcome);
    }

    [Fact]
    public void Attestation_passes_for_trusted_builder_and_source()
    {
        var check = Single(new BaseImageRules { Attestations = [SlsaFromTrustedBuilder] }, Debian());
        Assert.Equal(CheckOutcome.Pass, check.Outcome);
        Assert.Contains($"builder: {TrustedBuilder}", check.Evidence);
    }

    [Fact]
    public void Attestation_fails_for_an_untrusted_builder()
    {
        var facts = Debian() with { Attestations = new AttestationEvidence(1, [Provenance("https://evil.example/builder", "git+https://git.example.com/base/debian")]) };
        var check = Single(new BaseImageRules { Attestations = [SlsaFromTrustedBuilder] }, facts);
        Assert.Equal(CheckOutcome.Fail, check.Outcome);
        Assert.Contains("Builder https://evil.example/builder is not trusted", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attestation_fails_for_a_source_outside_the_prefixes()
    {
        var facts = Debian() with { Attestations = new AttestationEvidence(1, [Provenance(TrustedBuilder, "git+https://git.example.com/forks/debian")]) };
        var check = Single(new BaseImageRules { Attestations = [SlsaFromTrustedBuilder] }, facts);
        Assert.Equal(CheckOutcome.Fail, check.Outcome);
        Assert.Contains("is not under", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attestation_fails_when_signed_by_an_untrusted_key_about_another_digest_or_of_another_type()
    {
        var rules = new BaseImageRules { Attestations = [SlsaFromTrustedBuilder] };
        var otherKey = Debian() with { Attestations = new AttestationEvidence(1, [Provenance(TrustedBuilder, "git+https://git.example.com/base/x", key: "keys/other.pub")]) };
        Assert.Contains("not signed by a trusted key", Single(rules, otherKey).Message, StringComparison.Ordinal);

        var otherDigest = Debian() with { Attestations = new AttestationEvidence(1, [Provenance(TrustedBuilder, "git+https://git.example.com/base/x", subject: OtherDigest)]) };
        Assert.Equal(CheckOutcome.Fail, Single(rules, otherDigest).Outcome);

        var none = Debian() with { Attestations = new AttestationEvidence(0, []) };
        Assert.Contains("No verified https://slsa.dev/provenance/v1 attestation", Single(rules, none).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attestation_could_not_be_checked_without_a_digest()
    {
        var facts = Debian() with { ResolvedDigest = null, ResolutionError = "no such host", Attestations = null };
        Assert.Equal(CheckOutcome.CouldNotCheck, Single(new BaseImageRules { Attestations = [SlsaFromTrustedBuilder] }, facts).Outcome);
    }

    [Fact]
    public void Slsa_v02_predicates_are_read_too()
    {
        var predicate = JsonDocument.Parse("{\"builder\":{\"id\":\"" + TrustedBuilder + "\"},\"invocation\":{\"configSource\":{\"uri\":\"git+https://git.example.com/base/debian\"}}}").RootElement.Clone();
        var facts = Debian() with { Attestations = new AttestationEvidence(1, [new VerifiedAttestation(PredicateTypeNames.SlsaV02, [BuilderKey], [Digest], predicate)]) };
        var rules = new BaseImageRules { Attestations = [SlsaFromTrustedBuilder with { PredicateType = PredicateTypeNames.SlsaV02 }] };
        Assert.Equal(CheckOutcome.Pass, Single(rules, facts).Outcome);
    }

    [Fact]
    public void Max_age_passes_young_images_fails_old_ones_and_cannot_check_without_a_config()
    {
        var rules = new BaseImageRules { MaxAgeDays = 30 };
        Assert.Equal(CheckOutcome.Pass, Single(rules, Debian()).Outcome);
        var old = Single(rules, Debian() with { Created = Now.AddDays(-31) });
        Assert.Equal(CheckOutcome.Fail, old.Outcome);
        Assert.Contains("31 days ago", old.Message, StringComparison.Ordinal);
        var unknown = Single(rules, Debian() with { Created = null, ConfigError = "config blob missing" });
        Assert.Equal(CheckOutcome.CouldNotCheck, unknown.Outcome);
        Assert.Contains("config blob missing", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_in_one_policy_gives_one_check_in_order()
    {
        var rules = new BaseImageRules
        {
            AllowedRegistries = ["registry.example.com"],
            AllowedRepositories = ["registry.example.com/library/*"],
            RequireDigest = true,
            DeniedImages = ["**/ubuntu"],
            DeniedTags = ["latest"],
            Signature = new([BaseKey]),
            Attestations = [SlsaFromTrustedBuilder],
            MaxAgeDays = 90,
        };
        var assessment = BaseImageEvaluator.Evaluate(rules, Debian(digest: Digest), Now);
        Assert.Equal(["PG3001", "PG3002", "PG3003", "PG3004", "PG3005", "PG3006", "PG3007", "PG3008"], assessment.Checks.Select(c => c.RuleId));
        Assert.True(assessment.Passed, string.Join("\n", assessment.Checks.Select(c => c.Message)));
    }
}
