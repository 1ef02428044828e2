using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

public sealed class LintAliasTests
{
    private const string CleanDockerfile = """
        FROM mcr.microsoft.com/dotnet/runtime:8.0.11@sha256:2f0ad4c0e2a6e2c8aee9e4c4b9d1d3e4f6c7a8b9c0d1e2f3a4b5c6d7e8f9a0b1
        WORKDIR /app
        COPY app/ .
        USER 1000
        ENTRYPOINT ["dotnet", "App.dll"]

        """;

    [Fact]
    public async Task A_clean_Dockerfile_passes_and_the_summary_is_logged()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-lint");
        await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), CleanDockerfile);
        var run = await CakeScript.RunAsync("""
            var result = PipelineGuardLint("./Dockerfile", new PipelineGuardLintSettings().WithReport("./lint.sarif"));
            Information("result: succeeded={0} findings={1}", result.Succeeded, result.Findings.Count);
            """, [], null, dir);

        Scripts.Passed(run);
        Assert.Contains("pipelineguard lint: 1 Dockerfile(s), 0 error(s), 0 warning(s), 0 info/style; passed", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("result: succeeded=True findings=0", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"2.1.0\"", await File.ReadAllTextAsync(Path.Combine(dir, "lint.sarif")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_are_logged_in_canonical_form_and_fail_the_build()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-lint");
        Directory.CreateDirectory(Path.Combine(dir, "docker"));
        await File.WriteAllTextAsync(Path.Combine(dir, "docker", "Dockerfile"), "FROM debian:latest\nRUN cd /tmp && echo hi\n");
        var run = await CakeScript.RunAsync("""
            PipelineGuardLint(new Cake.Core.IO.Path[] { Directory("./docker") }, new PipelineGuardLintSettings());
            Information("not reached");
            """, [], null, dir);

        var dockerfile = Path.Combine(dir, "docker", "Dockerfile");
        Scripts.FailedWith(run, $"{dockerfile}(1,1): warning DL3007: ");
        Assert.Contains($"{dockerfile}(2,1): warning DL3003: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("pipelineguard lint: 1 Dockerfile(s), 0 error(s), 2 warning(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("at or above the failure threshold 'info'", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_override_the_configuration_and_FailOnError_off_returns_the_findings()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-lint");
        await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), "FROM debian:latest\nRUN cd /tmp && echo hi\n");
        // The configuration file ignores DL3003; the settings raise DL3007 to an error.
        await File.WriteAllTextAsync(Path.Combine(dir, ".hadolint.yaml"), "ignored:\n  - DL3003\n");
        var run = await CakeScript.RunAsync("""
            var result = PipelineGuardLint("./Dockerfile", new PipelineGuardLintSettings()
                .WithOverride("DL3007", LintSeverity.Error)
                .WithFailOnError(false));
            Information("result: succeeded={0} errors={1} codes={2}", result.Succeeded, result.ErrorCount, string.Join(",", result.Findings.Select(f => f.Code)));
            """, [], null, dir);

        Scripts.Passed(run);
        Assert.Contains("Dockerfile(1,1): error DL3007: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("result: succeeded=False errors=1 codes=DL3007", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_configuration_file_fails_with_its_line()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-lint");
        await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), CleanDockerfile);
        await File.WriteAllTextAsync(Path.Combine(dir, "lint.yaml"), "ignored:\n  - DL3003\nfailure-threshold: sometimes\n");
        var run = await CakeScript.RunAsync("""PipelineGuardLint("./Dockerfile", new PipelineGuardLintSettings().WithConfigFile("./lint.yaml"));""", [], null, dir);

        Scripts.FailedWith(run, "configuration error: ");
        Assert.Contains("lint.yaml:3: failure-threshold 'sometimes'", run.Output, StringComparison.Ordinal);
    }
}
