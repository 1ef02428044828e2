using System.Text.Json;
using System.Xml.Linq;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Dockerfiles.Writers;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

public class LintWriterTests
{
    private const string Sample = "FROM debian:latest\nRUN cd /tmp && curl -k https://x | sh\nCOPY a b c\n";

    private static IReadOnlyList<LintResult> Results() => [DockerfileLinter.Lint(Sample, "app/Dockerfile", LintConfiguration.Default)];

    private static string Write(LintOutputFormat format)
    {
        using var writer = new StringWriter();
        LintReportWriter.Write(format, Results(), writer);
        return writer.ToString();
    }

    [Fact]
    public void Json_has_hadolints_shape()
    {
        using var document = JsonDocument.Parse(Write(LintOutputFormat.Json));
        var items = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(Results()[0].Findings.Count, items.Count);
        foreach (var item in items)
        {
            Assert.Equal(["code", "column", "file", "level", "line", "message"], item.EnumerateObject().Select(p => p.Name));
            Assert.Contains(item.GetProperty("level").GetString(), new[] { "error", "warning", "info", "style" });
        }

        var first = items[0];
        Assert.Equal("DL3007", first.GetProperty("code").GetString());
        Assert.Equal("app/Dockerfile", first.GetProperty("file").GetString());
        Assert.Equal(1, first.GetProperty("line").GetInt32());
        Assert.Equal(1, first.GetProperty("column").GetInt32());
        Assert.Equal("warning", first.GetProperty("level").GetString());
    }

    [Fact]
    public void Json_of_no_findings_is_an_empty_array()
    {
        using var writer = new StringWriter();
        LintReportWriter.Write(LintOutputFormat.Json, [new LintResult("Dockerfile", [], [])], writer);
        Assert.Equal("[]\n", writer.ToString());
    }

    [Fact]
    public void Tty_and_gnu_lines()
    {
        var tty = Write(LintOutputFormat.Tty).Split('\n');
        Assert.Equal("app/Dockerfile:1 DL3007 warning: Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag", tty[0]);
        Assert.DoesNotContain('\u001b', string.Join('\n', tty));
        using var colored = new StringWriter();
        TtyLintWriter.Write(Results(), colored, color: true);
        Assert.Contains("\u001b[33mwarning", colored.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("pipelineguard:app/Dockerfile:1:1: DL3007 warning: ", Write(LintOutputFormat.Gnu), StringComparison.Ordinal);
    }

    [Fact]
    public void Checkstyle_is_xml_with_one_error_per_finding()
    {
        var document = XDocument.Parse(Write(LintOutputFormat.Checkstyle));
        var file = Assert.Single(document.Root!.Elements("file"));
        Assert.Equal("app/Dockerfile", file.Attribute("name")!.Value);
        var errors = file.Elements("error").ToList();
        Assert.Equal(Results()[0].Findings.Count, errors.Count);
        Assert.Equal("DL3007", errors[0].Attribute("source")!.Value);
        Assert.Equal("warning", errors[0].Attribute("severity")!.Value);
    }

    [Fact]
    public void Gitlab_codeclimate_has_issues_with_locations_and_fingerprints()
    {
        using var document = JsonDocument.Parse(Write(LintOutputFormat.GitlabCodeClimate));
        var issues = document.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(issues);
        Assert.All(issues, i => Assert.Matches("^[0-9a-f]{40}$", i.GetProperty("fingerprint").GetString()));
        Assert.Equal(issues.Count, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count());
        var latest = issues.Single(i => i.GetProperty("check_name").GetString() == "DL3007");
        Assert.Equal("major", latest.GetProperty("severity").GetString());
        Assert.Equal("app/Dockerfile", latest.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(1, latest.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
    }

    [Fact]
    public async Task Sarif_validates_against_the_sarif_2_1_0_schema()
    {
        var sarif = Write(LintOutputFormat.Sarif);
        using (var document = JsonDocument.Parse(sarif))
        {
            var run = document.RootElement.GetProperty("runs")[0];
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
            Assert.All(rules, r => Assert.StartsWith("https://", r.GetProperty("helpUri").GetString(), StringComparison.Ordinal));
            var insecure = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "PG1003");
            var region = insecure.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            Assert.Equal(2, region.GetProperty("startLine").GetInt32());
            Assert.Equal(16, region.GetProperty("startColumn").GetInt32());
            Assert.Equal(20, region.GetProperty("endColumn").GetInt32());
        }

        var file = Path.Combine(RepositoryPaths.NewTempDirectory("sarif"), "lint.sarif");
        await File.WriteAllTextAsync(file, sarif);
        var valid = await NodeInterop.RunAsync("validate-sarif.mjs", file);
        Assert.True(valid.ExitCode == 0, valid.StandardOutput + valid.StandardError);

        var broken = file + ".broken.sarif";
        await File.WriteAllTextAsync(broken, sarif.Replace("\"ruleId\"", "\"ruleid\"", StringComparison.Ordinal).Replace("\"startLine\": 1", "\"startLine\": 0", StringComparison.Ordinal));
        var invalid = await NodeInterop.RunAsync("validate-sarif.mjs", broken);
        Assert.Equal(1, invalid.ExitCode);
    }
}
