using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary><c>check-base</c> finds <c>./pipelineguard.yaml</c> as <c>gate</c> does, and warns about a retired rule id in it.</summary>
public sealed class CheckBasePolicyFileTests
{
    private static async Task<ProcessResult> CheckBaseInAsync(string directory, params string[] arguments) =>
        await ProcessRunner.RunAsync("dotnet", [typeof(PipelineGuardCli).Assembly.Location, "check-base", .. arguments], directory, timeout: TimeSpan.FromMinutes(2));

    [Fact]
    public async Task The_policy_in_the_current_folder_is_read_without_policy_flag()
    {
        // The registry is not allowed, so it is never contacted: the run stays offline.
        var dir = RepositoryPaths.NewTempDirectory("check-base-policy");
        await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), "FROM docker.io/library/node:20\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "pipelineguard.yaml"), "version: 1\nbaseImages:\n  allowedRegistries: [registry.example.test]\nrules:\n  PG1005: error\n");

        var run = await CheckBaseInAsync(dir, "Dockerfile");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("FAIL PG3001 allowed-registry: Registry docker.io is not allowed", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("warning: pipelineguard.yaml:5:3: rules.PG1005: PG1005 is the retired id of the base-image rule denied-tag: write PG3005 (or denied-tag) instead", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_policy_file_or_flags_it_is_a_usage_error()
    {
        var dir = RepositoryPaths.NewTempDirectory("check-base-nopolicy");
        await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), "FROM docker.io/library/node:20\n");
        var run = await CheckBaseInAsync(dir, "Dockerfile");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no base-image rules", run.StandardError, StringComparison.Ordinal);
    }
}
