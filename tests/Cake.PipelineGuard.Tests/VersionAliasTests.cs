using PipelineGuard;
using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

public sealed class VersionAliasTests
{
    [Fact]
    public async Task A_real_cake_run_loads_the_addin_and_the_alias_returns_the_core_version()
    {
        var run = await CakeScript.RunAsync("""
            var version = PipelineGuardVersion();
            Information("pipelineguard-version={0}", version);
            if (string.IsNullOrEmpty(version)) { throw new Exception("empty version"); }
            """);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"pipelineguard-version={RepositoryPaths.PackageVersion}", run.StandardOutput, StringComparison.Ordinal);
        // Cake carries its own NuGet and scans every type of every addin assembly: they must all load.
        Assert.DoesNotContain("Could not load", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_script_exits_non_zero()
    {
        var run = await CakeScript.RunAsync("""throw new Exception("deliberate failure " + PipelineGuardVersion());""");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("deliberate failure", run.Output, StringComparison.Ordinal);
    }
}
