using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary>The packed tool installs from artifacts/packages the way a user installs it, and runs.</summary>
public sealed class InstalledToolTests
{
    [Fact]
    public async Task Dotnet_tool_install_from_the_packed_package_gives_a_working_pipelineguard()
    {
        var toolPath = RepositoryPaths.NewTempDirectory("tool");
        var install = await ProcessRunner.RunAsync(
            "dotnet",
            ["tool", "install", "--tool-path", toolPath, "--add-source", RepositoryPaths.Packages, "--version", RepositoryPaths.PackageVersion, "PipelineGuard.Cli"],
            toolPath,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = SampleProject.PackagesFolder });
        Assert.True(install.ExitCode == 0, install.ToString());

        var run = await ProcessRunner.RunAsync(Path.Combine(toolPath, "pipelineguard"), ["--version"], toolPath);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(PipelineGuardInfo.Version, run.StandardOutput.Trim());
    }
}
