using System.Text;
using System.Text.Json;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

/// <summary>
/// The corpus (hand-written files plus the output of Corpus/generate.py) parses without DL1000 and lints to the approved
/// JSON snapshots in Corpus/snapshots. Set PIPELINEGUARD_APPROVE=1 to rewrite the snapshots after a reviewed change.
/// </summary>
public class CorpusTests
{
    public static string CorpusDirectory => Path.Combine(RepositoryPaths.Root, "tests", "PipelineGuard.Core.Tests", "Dockerfiles", "Corpus");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in DockerfileLinter.FindDockerfiles(CorpusDirectory))
        {
            data.Add(Path.GetRelativePath(CorpusDirectory, file).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void Corpus_has_a_few_hundred_files_of_every_kind()
    {
        var files = DockerfileLinter.FindDockerfiles(CorpusDirectory).Select(Path.GetFileName).ToList();
        Assert.True(files.Count >= 300, $"{files.Count} files");
        foreach (var kind in new[] { "dotnet", "node", "python", "go", "official", "heredoc", "windows" })
        {
            Assert.Contains(files, f => f!.Contains(kind, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void File_parses_and_matches_its_snapshot(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(CorpusDirectory, relativePath));
        var syntax = DockerfileParser.Parse(text, relativePath);
        Assert.True(syntax.IsValid, string.Join("; ", syntax.Diagnostics.Select(d => $"{d.Span.Line}: {d.Message}")));
        var result = DockerfileLinter.Lint(syntax, LintConfiguration.Default);
        Assert.DoesNotContain(result.Findings, f => f.Code == "DL1000");
        foreach (var finding in result.Findings)
        {
            Assert.InRange(finding.Line, 1, syntax.LineCount);
            Assert.InRange(finding.Span.End, 0, text.Length);
        }

        var actual = Snapshot(result);
        var snapshot = Path.Combine(CorpusDirectory, "snapshots", Path.ChangeExtension(relativePath, ".json"));
        if (Environment.GetEnvironmentVariable("PIPELINEGUARD_APPROVE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
            File.WriteAllText(snapshot, actual);
        }

        Assert.True(File.Exists(snapshot), $"No approved snapshot {snapshot}: review the output and run with PIPELINEGUARD_APPROVE=1.");
        Assert.Equal(File.ReadAllText(snapshot).ReplaceLineEndings("\n"), actual);
    }

    private static readonly JsonSerializerOptions SnapshotOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>hadolint's JSON, one finding per line so snapshot diffs are readable.</summary>
    private static string Snapshot(LintResult result)
    {
        var builder = new StringBuilder("[\n");
        for (var i = 0; i < result.Findings.Count; i++)
        {
            var f = result.Findings[i];
            var item = JsonSerializer.Serialize(new { code = f.Code, column = f.Column, file = f.File, level = f.Severity.ToName(), line = f.Line, message = f.Message }, SnapshotOptions);
            builder.Append("  ").Append(item).Append(i + 1 < result.Findings.Count ? ",\n" : "\n");
        }

        return builder.Append("]\n").ToString();
    }
}
