using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using Xunit;

namespace PipelineGuard.Core.Tests.Findings;

/// <summary>A policy's <c>rules:</c> and <c>exceptions:</c> keys: an id or a name, each addressing exactly one rule.</summary>
public sealed class PolicyRuleKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static PolicyLoadResult Parse(string yaml) => PolicyLoader.Parse("version: 1\n" + yaml, "pipelineguard.yaml", "/repo");

    private static readonly SourceLocation At = new("Dockerfile", 3, 1, 10);

    [Fact]
    public void A_lint_security_rule_is_addressed_by_its_id()
    {
        // PG1009 was refused: only base-image ids and DL/SC codes were known to the policy.
        var loaded = Parse("rules:\n  PG1009: off\n  PG1010: warning\n");
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        Assert.Empty(loaded.Warnings);
        Assert.Equal(Severity.Off, loaded.Policy!.Rules["PG1009"].Severity);
        var result = new GateResultBuilder(loaded.Policy, Now).AddLintFinding("PG1009", "warning", "WORKDIR set to a system directory (/usr)", At).Build();
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_retired_base_image_id_means_the_base_image_rule_with_a_warning_and_never_relaxes_the_lint_rule()
    {
        var loaded = Parse("rules:\n  PG1003: warning\nexceptions:\n  - rule: PG1006\n    expires: 2027-01-01\n    reason: mirror\n");
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        Assert.Equal(2, loaded.Warnings.Count);
        Assert.Contains("write PG3003 (or require-digest) instead", loaded.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal("rules.PG1003", loaded.Warnings[0].Field);
        Assert.Equal(3, loaded.Warnings[0].Line);
        Assert.Contains("write PG3006 (or signature) instead", loaded.Warnings[1].Message, StringComparison.Ordinal);
        var policy = loaded.Policy!;
        Assert.Equal(Severity.Warning, policy.Rules[ProvenanceRuleIds.RequireDigest].Severity);
        Assert.False(policy.Rules.ContainsKey("PG1003"));
        Assert.Equal(ProvenanceRuleIds.Signature, Assert.Single(policy.Exceptions).Rule);

        // The old PG1003: warning relaxed both pinning and curl --insecure; now only pinning.
        var result = new GateResultBuilder(policy, Now)
            .AddLintFinding("PG1003", "error", "TLS or signature verification disabled: curl -k", At)
            .AddCheck(RuleCheck.Failed(ProvenanceRuleIds.RequireDigest, "Not pinned by digest."), FindingSource.BaseImage, "node:20", At)
            .Build();
        Assert.Equal([("PG1003", Severity.Error, true), (ProvenanceRuleIds.RequireDigest, Severity.Warning, false)], result.Findings.Select(f => (f.RuleId, f.Severity, f.Blocking)));
    }

    [Fact]
    public void The_lint_rule_that_now_has_an_old_id_is_addressed_by_its_name()
    {
        var loaded = Parse("rules:\n  verification-disabled: warning\nexceptions:\n  - rule: secret-in-arg-env\n    expires: 2027-01-01\n    reason: test fixture\n");
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        Assert.Empty(loaded.Warnings);
        var result = new GateResultBuilder(loaded.Policy!, Now)
            .AddLintFinding("PG1003", "error", "TLS or signature verification disabled: curl -k", At)
            .AddLintFinding("PG1001", "error", "Secret value in `TOKEN`", At)
            .AddCheck(RuleCheck.Failed(ProvenanceRuleIds.RequireDigest, "Not pinned by digest."), FindingSource.BaseImage, "node:20", At)
            .Build();
        Assert.Equal(Severity.Warning, result.Findings[0].Severity);
        Assert.NotNull(result.Findings[1].ExemptedBy);
        Assert.Equal(Severity.Error, result.Findings[2].Severity);
    }

    [Theory]
    [InlineData("rules:\n  PG3003: warning\n  require-digest: error\n", "'require-digest' and 'PG3003' both name PG3003")]
    [InlineData("rules:\n  DL9999: off\n", "unknown rule 'DL9999'")]
    [InlineData("rules:\n  PG1099: off\n", "unknown rule 'PG1099'")]
    [InlineData("exceptions:\n  - rule: pinning\n    expires: 2027-01-01\n    reason: x\n", "unknown rule 'pinning'")]
    public void A_key_that_names_no_rule_or_a_rule_twice_is_an_error(string yaml, string message)
    {
        var loaded = Parse(yaml);
        Assert.False(loaded.Success);
        Assert.Contains(loaded.Diagnostics, d => d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void ShellCheck_codes_and_hadolint_ids_address_themselves()
    {
        var loaded = Parse("rules:\n  SC2086: off\n  DL3007: warning\n");
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        Assert.Equal(Severity.Off, loaded.Policy!.Rules["SC2086"].Severity);
        Assert.Equal(Severity.Warning, loaded.Policy.Rules["DL3007"].Severity);
    }
}
