using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

public sealed class GateResultBuilderTests
{
    private static GatePolicy Policy(string yaml) => PolicyLoader.Parse("version: 1\n" + yaml, "pipelineguard.yaml", "/repo").Policy!;

    private static readonly RuleCheck Unsigned = RuleCheck.Failed(ProvenanceRuleIds.Signature, "No signature.");
    private static readonly RuleCheck Unreachable = RuleCheck.Unknown(ProvenanceRuleIds.Signature, "Registry unreachable.");

    [Fact]
    public void A_failure_is_a_blocking_error_by_default()
    {
        var result = new GateResultBuilder(Policy(string.Empty), GateResults.Now).AddCheck(Unsigned, FindingSource.BaseImage, "a:1", null).Build();
        var finding = Assert.Single(result.Findings);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.True(finding.Blocking);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Could_not_check_fails_closed_unless_the_policy_downgrades_it()
    {
        var closed = new GateResultBuilder(Policy(string.Empty), GateResults.Now).AddCheck(Unreachable, FindingSource.BaseImage, "a:1", null).Build();
        Assert.False(closed.Passed);
        Assert.True(closed.Findings[0].CouldNotCheck);

        var downgraded = new GateResultBuilder(Policy("rules:\n  signature: { couldNotCheck: warning }\n"), GateResults.Now)
            .AddCheck(Unreachable, FindingSource.BaseImage, "a:1", null)
            .AddCheck(Unsigned, FindingSource.BaseImage, "b:1", null)
            .Build();
        Assert.Equal([Severity.Warning, Severity.Error], downgraded.Findings.Select(f => f.Severity));
        Assert.False(downgraded.Passed);
    }

    [Fact]
    public void Per_rule_severity_changes_the_verdict_and_off_drops_the_finding()
    {
        var warning = new GateResultBuilder(Policy("rules:\n  PG3006: warning\n"), GateResults.Now).AddCheck(Unsigned, FindingSource.BaseImage, "a:1", null).Build();
        Assert.True(warning.Passed);
        Assert.Equal(Severity.Warning, warning.Findings[0].Severity);

        var off = new GateResultBuilder(Policy("rules:\n  signature: off\n"), GateResults.Now).AddCheck(Unsigned, FindingSource.BaseImage, "a:1", null).Build();
        Assert.Empty(off.Findings);
    }

    [Fact]
    public void A_current_exception_covers_matching_images_only()
    {
        var policy = Policy("exceptions:\n  - rule: signature\n    image: \"legacy/*\"\n    expires: 2027-01-01\n    reason: being replaced\n");
        var result = new GateResultBuilder(policy, GateResults.Now)
            .AddCheck(Unsigned, FindingSource.BaseImage, "legacy/runtime", null)
            .AddCheck(Unsigned, FindingSource.BaseImage, "other/runtime", null)
            .Build();
        Assert.NotNull(result.Findings[0].ExemptedBy);
        Assert.False(result.Findings[0].Blocking);
        Assert.Null(result.Findings[1].ExemptedBy);
        Assert.False(result.Passed);
    }

    [Fact]
    public void An_expired_exception_does_not_apply_and_is_reported()
    {
        var policy = Policy("exceptions:\n  - rule: signature\n    expires: 2026-11-27\n    reason: was temporary\n");
        var result = new GateResultBuilder(policy, GateResults.Now).AddCheck(Unsigned, FindingSource.BaseImage, "a:1", null).Build();
        Assert.Equal(["PG0001", "PG3006"], result.Findings.Select(f => f.RuleId));
        Assert.Contains("expired on 2026-11-27", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(3, result.Findings[0].Location!.Line);
        Assert.True(result.Findings[1].Blocking);

        var lastDay = new GateResultBuilder(policy, new DateTimeOffset(2026, 11, 27, 23, 59, 0, TimeSpan.Zero)).AddCheck(Unsigned, FindingSource.BaseImage, "a:1", null).Build();
        Assert.True(lastDay.Passed);
    }

    [Fact]
    public void Lint_findings_block_at_the_failure_threshold()
    {
        var location = new SourceLocation("Dockerfile", 1, 1, 1);
        var atError = new GateResultBuilder(Policy(string.Empty), GateResults.Now).AddLintFinding("DL3007", "warning", "latest", location).Build();
        Assert.True(atError.Passed);
        var atWarning = new GateResultBuilder(Policy("lint:\n  failureThreshold: warning\n"), GateResults.Now).AddLintFinding("DL3007", "warning", "latest", location).Build();
        Assert.False(atWarning.Passed);
        var overridden = new GateResultBuilder(Policy("lint:\n  failureThreshold: warning\nrules:\n  DL3007: note\n"), GateResults.Now).AddLintFinding("DL3007", "warning", "latest", location).Build();
        Assert.True(overridden.Passed);
    }
}
