using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>A fresh project that references the packed PipelineGuard.MSBuild, built with the real SDK.</summary>
public sealed class PackageBuildTests
{
    [Fact]
    public async Task A_console_app_with_the_package_shows_the_PipelineGuard_line_in_its_build_output()
    {
        var project = SampleProject.Create("HelloGuarded", SampleProject.ConsoleAppWithPipelineGuard(), new Dictionary<string, string>
        {
            ["Program.cs"] = "Console.WriteLine(\"hello\");\n",
        });

        var build = await project.DotNetAsync("build", "-nologo", "-v:n");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"PipelineGuard {RepositoryPaths.PackageVersion}", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("guarding HelloGuarded", build.StandardOutput, StringComparison.Ordinal);
    }
}
