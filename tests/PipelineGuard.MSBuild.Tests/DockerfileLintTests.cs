using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>Dockerfile findings in the build output as canonical, clickable MSBuild diagnostics.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class DockerfileLintTests
{
    [Fact]
    public async Task Findings_are_canonical_warnings_with_file_line_column_and_rule_id()
    {
        var project = EndToEnd.ConsoleApp("LintWarnings", files: new Dictionary<string, string> { ["Dockerfile"] = EndToEnd.LintedDockerfile });

        var build = await project.SucceedsAsync("build", "-nologo");

        Assert.Contains("Dockerfile(1,1): warning DL3007: ", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Dockerfile(2,1): warning DL3008: ", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(project.Directory, "Dockerfile")}(1,1): warning DL3007: ", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"PipelineGuard {RepositoryPaths.PackageVersion}: linted 1 Dockerfile(s) of LintWarnings", build.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_threshold_at_warning_the_findings_are_errors_and_the_build_fails()
    {
        var project = EndToEnd.ConsoleApp("LintErrors", "<PipelineGuardLintThreshold>warning</PipelineGuardLintThreshold>", new Dictionary<string, string> { ["Dockerfile"] = EndToEnd.LintedDockerfile });

        var build = await project.DotNetAsync("build", "-nologo");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("Dockerfile(1,1): error DL3007: ", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Dockerfile(2,1): error DL3008: ", build.StandardOutput, StringComparison.Ordinal);

        // A failed lint leaves no stamp: the next build lints (and fails) again instead of passing as up to date.
        var again = await project.DotNetAsync("build", "-nologo");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("Dockerfile(1,1): error DL3007: ", again.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hadolint_yaml_that_ignores_DL3008_removes_that_finding()
    {
        var project = EndToEnd.ConsoleApp("LintConfig", files: new Dictionary<string, string>
        {
            ["Dockerfile"] = EndToEnd.LintedDockerfile,
            [".hadolint.yaml"] = "ignored:\n  - DL3008\n",
        });

        var build = await project.SucceedsAsync("build", "-nologo");

        Assert.Contains("Dockerfile(1,1): warning DL3007: ", build.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("DL3008", build.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_Dockerfiles_are_linted_by_default_and_a_bad_threshold_is_a_clear_error()
    {
        var project = EndToEnd.ConsoleApp("LintNamed", files: new Dictionary<string, string>
        {
            ["api.Dockerfile"] = "FROM ubuntu:latest\n",
            ["Dockerfile.worker"] = "FROM debian:latest\n",
        });

        var build = await project.SucceedsAsync("build", "-nologo");
        Assert.Contains("api.Dockerfile(1,1): warning DL3007: ", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Dockerfile.worker(1,1): warning DL3007: ", build.StandardOutput, StringComparison.Ordinal);

        var bad = await project.DotNetAsync("build", "-nologo", "-p:PipelineGuardLintThreshold=loud");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("PipelineGuardLintThreshold 'loud' is not one of error, warning, info, style, none", bad.StandardOutput, StringComparison.Ordinal);
    }
}
