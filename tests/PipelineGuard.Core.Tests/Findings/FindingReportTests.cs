using System.Text.Json;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Findings;

/// <summary>Every writer names a finding's rule from the one registry: a leaked token shows under its lint rule with its help link.</summary>
public sealed class FindingReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static GateResult LeakedTokenAndUnpinnedBase()
    {
        var policy = PolicyLoader.Parse("version: 1\nbaseImages:\n  requireDigest: true\n", "pipelineguard.yaml", "/repo").Policy!;
        return new GateResultBuilder(policy, Now)
            .AddLintFinding("PG1001", "error", "Secret value in `GITHUB_TOKEN`: pass secrets with `RUN --mount=type=secret` instead", new SourceLocation("Dockerfile", 3, 5, 17))
            .AddCheck(RuleCheck.Failed(ProvenanceRuleIds.RequireDigest, "Not pinned by digest."), FindingSource.BaseImage, "node:20", new SourceLocation("Dockerfile", 1, 6, 13))
            .Build();
    }

    [Fact]
    public void Sarif_lists_each_finding_under_its_own_rule_with_its_name_help_and_security_severity()
    {
        using var sarif = JsonDocument.Parse(SarifWriter.Write(LeakedTokenAndUnpinnedBase()));
        var rules = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("secret-in-arg-env", rules["PG1001"].GetProperty("name").GetString());
        Assert.EndsWith("lint-rules.md#pg1001", rules["PG1001"].GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        Assert.Equal("8.0", rules["PG1001"].GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.Equal(["security"], rules["PG1001"].GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("require-digest", rules["PG3003"].GetProperty("name").GetString());
        Assert.EndsWith("policy.md#pg3003-require-digest", rules["PG3003"].GetProperty("helpUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_html_and_annotations_name_the_lint_rule_not_the_base_image_rule()
    {
        var result = LeakedTokenAndUnpinnedBase();
        var markdown = MarkdownSummaryWriter.Write(result);
        Assert.Contains("[PG1001](https://github.com/pipelineguard/pipelineguard/blob/main/docs/lint-rules.md#pg1001) secret-in-arg-env", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("allowed-registry", markdown, StringComparison.Ordinal);
        var html = HtmlReportWriter.Write(result);
        Assert.Contains("<a href=\"https://github.com/pipelineguard/pipelineguard/blob/main/docs/lint-rules.md#pg1001\">PG1001</a> secret-in-arg-env", html, StringComparison.Ordinal);
        Assert.DoesNotContain("allowed-registry", html, StringComparison.Ordinal);
        var github = CiAnnotationWriter.Write(result, CiSystem.GitHubActions);
        Assert.Contains("title=PG1001 secret-in-arg-env::", github, StringComparison.Ordinal);
        Assert.Contains("title=PG3003 require-digest::", github, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("allowedRepositories: [\"docker.io/library/*\"]")]
    [InlineData("deny:\n    tags: [latest]")]
    [InlineData("deny:\n    images: [\"docker.io/library/node\"]")]
    [InlineData("allowedRegistries: [docker.io]")]
    public async Task Any_base_image_rule_without_a_Dockerfile_fails_the_gate_as_allowedRegistries_does(string rule)
    {
        // Only requireDigest, allowedRegistries and the registry rules counted: allowedRepositories or deny alone passed.
        var empty = RepositoryPaths.NewTempDirectory("no-dockerfile");
        var policy = PolicyLoader.Parse($"version: 1\nsbom:\n  enabled: false\nbaseImages:\n  {rule}\n", "pipelineguard.yaml", empty).Policy!;
        var run = await GateRunner.RunAsync(new GateOptions { Path = empty, Policy = policy, Now = Now });
        Assert.NotNull(run.Result);
        Assert.False(run.Result.Passed);
        Assert.Equal(GateRules.StepFailed.Id, Assert.Single(run.Result.Findings).RuleId);
    }
}
