using PipelineGuard.Testing;

namespace Cake.PipelineGuard.Tests;

/// <summary>A build.cake script run with the repository's pinned cake.tool, loading the freshly packed addin from artifacts/packages.</summary>
internal static class CakeScript
{
    public static async Task<ProcessResult> RunAsync(string body, params string[] arguments)
    {
        var dir = RepositoryPaths.NewTempDirectory("cake");
        await File.WriteAllTextAsync(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="pipelineguard-local" value="{RepositoryPaths.Packages}" />
              </packageSources>
            </configuration>
            """);
        var script = $"#addin nuget:?package=Cake.PipelineGuard&version={RepositoryPaths.PackageVersion}&loaddependencies=true\n{body}";
        await File.WriteAllTextAsync(Path.Combine(dir, "build.cake"), script);
        // The temporary folder sits inside the repository, so `dotnet cake` finds the pinned tool manifest above it.
        return await ProcessRunner.RunAsync(
            "dotnet",
            ["cake", "build.cake", .. arguments],
            dir,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = SampleProject.PackagesFolder, ["NO_COLOR"] = "1" },
            timeout: TimeSpan.FromMinutes(5));
    }
}
