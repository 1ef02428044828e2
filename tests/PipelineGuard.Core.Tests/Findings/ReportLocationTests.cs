using System.Text.Json;
using PipelineGuard.Core.Tests.Gate;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Dockerfiles.Writers;
using PipelineGuard.Findings;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Findings;

/// <summary>
/// A gate run on a folder below the repository root gives every location from the root: SARIF against
/// <c>%SRCROOT%</c>, GitHub and Azure annotations, GitLab Code Quality, JSON, Markdown and HTML; and lint's SARIF gives
/// the same location for the same finding.
/// </summary>
public sealed class ReportLocationTests
{
    private const string Dockerfile = "FROM docker.io/library/node:20\nENV GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n";

    private static async Task<(string Repository, string Service, GateResult Result)> GateBelowTheRootAsync()
    {
        var repository = RepositoryPaths.NewTempDirectory("locations");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        var service = Directory.CreateDirectory(Path.Combine(repository, "samples", "Leaky")).FullName;
        await File.WriteAllTextAsync(Path.Combine(service, "Dockerfile"), Dockerfile);
        var policyText = "version: 1\nsbom:\n  enabled: false\nbaseImages:\n  requireDigest: true\n";
        await File.WriteAllTextAsync(Path.Combine(service, "pipelineguard.yaml"), policyText);
        var policy = PolicyLoader.Parse(policyText, "pipelineguard.yaml", service).Policy!;
        var run = await GateRunner.RunAsync(new GateOptions { Path = service, Policy = policy, Now = GateResults.Now });
        Assert.True(run.Result is not null, string.Join('\n', run.ConfigurationErrors));
        return (repository, service, run.Result);
    }

    [Fact]
    public async Task Gate_sarif_locations_are_relative_to_SRCROOT_which_originalUriBaseIds_declares_as_the_git_top_level()
    {
        var (repository, _, result) = await GateBelowTheRootAsync();
        using var sarif = JsonDocument.Parse(SarifWriter.Write(result));
        var run = sarif.RootElement.GetProperty("runs")[0];

        var rootUri = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.Equal(new Uri(Path.GetFullPath(repository).TrimEnd('/') + "/").AbsoluteUri, rootUri);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "PG1001");
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "PG3003");
        foreach (var finding in results)
        {
            var artifact = finding.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
            Assert.Equal("samples/Leaky/Dockerfile", artifact.GetProperty("uri").GetString());
            Assert.Equal("%SRCROOT%", artifact.GetProperty("uriBaseId").GetString());
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("partialFingerprints").GetProperty(SarifConventions.FingerprintKey).GetString()));
        }
    }

    [Fact]
    public async Task Annotations_gitlab_json_markdown_and_html_name_the_file_from_the_repository_root()
    {
        var (_, _, result) = await GateBelowTheRootAsync();

        Assert.Contains("file=samples/Leaky/Dockerfile,line=2", CiAnnotationWriter.Write(result, CiSystem.GitHubActions), StringComparison.Ordinal);
        Assert.Contains("sourcepath=samples/Leaky/Dockerfile;", CiAnnotationWriter.Write(result, CiSystem.AzurePipelines), StringComparison.Ordinal);
        using var gitlab = JsonDocument.Parse(CiAnnotationWriter.WriteGitLabCodeQuality(result));
        Assert.All(gitlab.RootElement.EnumerateArray(), issue => Assert.Equal("samples/Leaky/Dockerfile", issue.GetProperty("location").GetProperty("path").GetString()));
        using var json = JsonDocument.Parse(GateJsonWriter.Write(result));
        Assert.Equal(["samples/Leaky/Dockerfile"], json.RootElement.GetProperty("dockerfiles").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("`samples/Leaky/Dockerfile:2`", MarkdownSummaryWriter.Write(result), StringComparison.Ordinal);
        Assert.Contains("samples/Leaky/Dockerfile:2", HtmlReportWriter.Write(result), StringComparison.Ordinal);
        Assert.DoesNotContain("file=Dockerfile", CiAnnotationWriter.Write(result, CiSystem.GitHubActions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_sarif_and_gate_sarif_give_the_same_location_and_fingerprint_for_the_same_finding()
    {
        var (repository, service, result) = await GateBelowTheRootAsync();
        var file = Path.Combine(service, "Dockerfile");
        var lint = DockerfileLinter.Lint(DockerfileParser.Parse(Dockerfile, file), LintConfiguration.Default);
        using var writer = new StringWriter();
        LintReportWriter.Write(LintOutputFormat.Sarif, [lint], writer, root: SourceRoot.Find(service, _ => null, repository));

        static (string Uri, int Line, string Fingerprint) Leak(JsonDocument sarif)
        {
            var finding = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "PG1001");
            var location = finding.GetProperty("locations")[0].GetProperty("physicalLocation");
            return (location.GetProperty("artifactLocation").GetProperty("uri").GetString()!, location.GetProperty("region").GetProperty("startLine").GetInt32(),
                finding.GetProperty("partialFingerprints").GetProperty(SarifConventions.FingerprintKey).GetString()!);
        }

        using var lintSarif = JsonDocument.Parse(writer.ToString());
        using var gateSarif = JsonDocument.Parse(SarifWriter.Write(result));
        var fromLint = Leak(lintSarif);
        var fromGate = Leak(gateSarif);
        Assert.Equal(("samples/Leaky/Dockerfile", 2), (fromLint.Uri, fromLint.Line));
        Assert.Equal((fromGate.Uri, fromGate.Line), (fromLint.Uri, fromLint.Line));
        Assert.True(lintSarif.RootElement.GetProperty("runs")[0].TryGetProperty("originalUriBaseIds", out _));
    }

    [Fact]
    public void A_fingerprint_survives_a_line_moving_and_tells_apart_two_equal_findings()
    {
        static string Fingerprint(int line, int index = 0)
        {
            var policy = PolicyLoader.Parse("version: 1\n", "pipelineguard.yaml", "/repo").Policy!;
            var builder = new GateResultBuilder(policy, GateResults.Now);
            builder.AddLintFinding("PG1001", "error", "Secret value in `TOKEN`", new SourceLocation("Dockerfile", line, 1, 5));
            builder.AddLintFinding("PG1001", "error", "Secret value in `TOKEN`", new SourceLocation("Dockerfile", line + 10, 1, 5));
            using var sarif = JsonDocument.Parse(SarifWriter.Write(builder.Build()));
            return sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[index].GetProperty("partialFingerprints").GetProperty(SarifConventions.FingerprintKey).GetString()!;
        }

        Assert.Equal(Fingerprint(3), Fingerprint(7));
        Assert.NotEqual(Fingerprint(3, 0), Fingerprint(3, 1));
    }
}
