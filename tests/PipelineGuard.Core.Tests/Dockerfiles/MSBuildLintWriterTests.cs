using PipelineGuard.Dockerfiles;
using PipelineGuard.Dockerfiles.Writers;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

public sealed class MSBuildLintWriterTests
{
    private static readonly LintResult Result = DockerfileLinter.Lint("FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl\n", "Dockerfile", LintConfiguration.Default);

    [Fact]
    public void Without_a_threshold_findings_are_canonical_warnings()
    {
        var writer = new StringWriter();
        MSBuildLintWriter.Write([Result], writer, LintSeverity.Ignore);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("Dockerfile(1,1): warning DL3007: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Dockerfile(2,1): warning DL3008: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(": error ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(LintSeverity.Error, MSBuildDiagnosticKind.Error, MSBuildDiagnosticKind.Warning, MSBuildDiagnosticKind.Warning, MSBuildDiagnosticKind.Message)]
    [InlineData(LintSeverity.Warning, MSBuildDiagnosticKind.Error, MSBuildDiagnosticKind.Error, MSBuildDiagnosticKind.Warning, MSBuildDiagnosticKind.Message)]
    [InlineData(LintSeverity.Style, MSBuildDiagnosticKind.Error, MSBuildDiagnosticKind.Error, MSBuildDiagnosticKind.Error, MSBuildDiagnosticKind.Error)]
    [InlineData(LintSeverity.Ignore, MSBuildDiagnosticKind.Warning, MSBuildDiagnosticKind.Warning, MSBuildDiagnosticKind.Warning, MSBuildDiagnosticKind.Message)]
    public void The_threshold_maps_severities_to_errors_warnings_and_messages(LintSeverity threshold, MSBuildDiagnosticKind error, MSBuildDiagnosticKind warning, MSBuildDiagnosticKind info, MSBuildDiagnosticKind style)
    {
        LintFinding Finding(LintSeverity severity) => Result.Findings[0] with { Severity = severity };

        Assert.Equal(error, MSBuildLintWriter.KindOf(Finding(LintSeverity.Error), threshold));
        Assert.Equal(warning, MSBuildLintWriter.KindOf(Finding(LintSeverity.Warning), threshold));
        Assert.Equal(info, MSBuildLintWriter.KindOf(Finding(LintSeverity.Info), threshold));
        Assert.Equal(style, MSBuildLintWriter.KindOf(Finding(LintSeverity.Style), threshold));
        Assert.StartsWith("Dockerfile(1,1): " + (error == MSBuildDiagnosticKind.Error ? "error" : "warning") + " DL3007: ", MSBuildLintWriter.Format(Finding(LintSeverity.Error), threshold), StringComparison.Ordinal);
    }

    [Fact]
    public void The_format_is_named_msbuild()
    {
        Assert.True(LintOutputFormatNames.TryParse("msbuild", out var format));
        Assert.Equal(LintOutputFormat.MSBuild, format);
    }
}
