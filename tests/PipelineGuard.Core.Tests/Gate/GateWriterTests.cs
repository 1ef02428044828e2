using System.Text.Json;
using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

public sealed class GateWriterTests
{
    private static string Snapshot(string name) => Path.Combine(RepositoryPaths.Root, "tests", "PipelineGuard.Core.Tests", "Gate", "Snapshots", name);

    [Fact]
    public void The_markdown_summary_matches_its_snapshot()
    {
        var markdown = MarkdownSummaryWriter.Write(GateResults.Sample());
        var path = Snapshot("summary.md");
        if (Environment.GetEnvironmentVariable("PIPELINEGUARD_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, markdown);
        }

        Assert.Equal(File.ReadAllText(path), markdown);
        Assert.Equal(markdown, MarkdownSummaryWriter.Write(GateResults.Sample()));
    }

    [Fact]
    public void Json_carries_the_verdict_counts_findings_and_evidence()
    {
        using var json = JsonDocument.Parse(GateJsonWriter.Write(GateResults.Sample()));
        var root = json.RootElement;
        Assert.Equal("fail", root.GetProperty("verdict").GetString());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("exempted").GetInt32());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "PG0001");
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "PG3006" && f.GetProperty("couldNotCheck").GetBoolean());
        var images = root.GetProperty("baseImages").EnumerateArray().ToList();
        Assert.Equal(3, images.Count);
        Assert.True(images[1].GetProperty("passed").GetBoolean());
        Assert.Contains(images[1].GetProperty("checks").EnumerateArray(), c => c.GetProperty("evidence").EnumerateArray().Any(e => e.GetString() == "signature verified with keys/base.pub"));
        Assert.Equal(3, root.GetProperty("sbom").GetProperty("byLicense").GetProperty("MIT").GetInt32());
    }

    [Fact]
    public void Sarif_has_rules_with_help_uris_and_results_with_regions_and_suppressions()
    {
        using var json = JsonDocument.Parse(SarifWriter.Write(GateResults.Sample()));
        var root = json.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = root.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        foreach (var result in results)
        {
            var rule = rules[result.GetProperty("ruleIndex").GetInt32()];
            Assert.Equal(result.GetProperty("ruleId").GetString(), rule.GetProperty("id").GetString());
            Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
        }

        var digest = results.First(r => r.GetProperty("ruleId").GetString() == "PG3003");
        var region = digest.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(2, region.GetProperty("startLine").GetInt32());
        Assert.Equal(6, region.GetProperty("startColumn").GetInt32());
        Assert.Equal(17, region.GetProperty("endColumn").GetInt32());
        var exempted = results.Single(r => r.TryGetProperty("suppressions", out _));
        Assert.Equal("PG3005", exempted.GetProperty("ruleId").GetString());
        Assert.Contains("Q1", exempted.GetProperty("suppressions")[0].GetProperty("justification").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_annotations_are_workflow_commands_with_escaped_properties()
    {
        var text = CiAnnotationWriter.Write(GateResults.Sample(), CiSystem.GitHubActions);
        Assert.Contains("::error file=Dockerfile,line=2,col=6,endColumn=17,title=PG3003 require-digest::node:latest: Not pinned by digest", text, StringComparison.Ordinal);
        Assert.Contains("::warning file=Dockerfile,line=2,col=1,title=DL3007::", text, StringComparison.Ordinal);
        Assert.Contains("::warning file=pipelineguard.yaml,line=9,col=1,title=PG0001 expired-exception::", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PG3005", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_annotations_are_logging_commands()
    {
        var text = CiAnnotationWriter.Write(GateResults.Sample(), CiSystem.AzurePipelines);
        Assert.Contains("##vso[task.logissue type=error;sourcepath=Dockerfile;linenumber=2;columnnumber=6;code=PG3003;]node:latest: Not pinned by digest", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("##vso[task.logissue type=", line, StringComparison.Ordinal));
    }

    [Fact]
    public void MSBuild_annotations_are_canonical_lines_that_Exec_turns_into_diagnostics()
    {
        var root = Path.Combine(Path.GetTempPath(), "gate-root");
        var text = CiAnnotationWriter.Write(GateResults.Sample(), CiSystem.MSBuild, root);
        Assert.Contains($"{Path.Combine(root, "Dockerfile")}(2,6): error PG3003: node:latest: Not pinned by digest", text, StringComparison.Ordinal);
        Assert.Contains("(9,1): warning PG0001: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DL3007", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PG3005", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GitLab_gets_plain_lines_and_a_code_quality_report()
    {
        var text = CiAnnotationWriter.Write(GateResults.Sample(), CiSystem.GitLab);
        Assert.Contains("Dockerfile:2:6: error PG3003: node:latest: Not pinned by digest", text, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(CiAnnotationWriter.WriteGitLabCodeQuality(GateResults.Sample()));
        var issues = report.RootElement.EnumerateArray().ToList();
        Assert.All(issues, i => Assert.Equal(32, i.GetProperty("fingerprint").GetString()!.Length));
        Assert.Equal(issues.Count, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count());
        Assert.Contains(issues, i => i.GetProperty("check_name").GetString() == "PG3006" && i.GetProperty("severity").GetString() == "major");
    }

    [Theory]
    [InlineData("true", null, null, CiSystem.GitHubActions)]
    [InlineData(null, "true", null, CiSystem.GitLab)]
    [InlineData(null, null, "True", CiSystem.AzurePipelines)]
    [InlineData(null, null, null, CiSystem.None)]
    public void The_ci_system_is_recognised_from_its_variables(string? github, string? gitlab, string? azure, CiSystem expected)
    {
        var variables = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = github, ["GITLAB_CI"] = gitlab, ["TF_BUILD"] = azure };
        Assert.Equal(expected, CiDetector.Detect(n => variables.GetValueOrDefault(n)));
    }
}
