using PipelineGuard.Testing;

namespace Cake.PipelineGuard.Tests;

/// <summary>A build.cake script run with the repository's pinned cake.tool, loading the freshly packed addin from artifacts/packages.</summary>
internal static class CakeScript
{
    public static Task<ProcessResult> RunAsync(string body, params string[] arguments) => RunAsync(body, arguments, environment: null);

    public static async Task<ProcessResult> RunAsync(string body, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, string? directory = null)
    {
        var dir = directory ?? RepositoryPaths.NewTempDirectory("cake");
        await File.WriteAllTextAsync(Path.Combine(dir, "nuget.config"), NuGetConfig);
        var script = $"#addin nuget:?package=Cake.PipelineGuard&version={RepositoryPaths.PackageVersion}&loaddependencies=true\n{body}";
        await File.WriteAllTextAsync(Path.Combine(dir, "build.cake"), script);
        return await RunFileAsync(dir, "build.cake", arguments, environment);
    }

    /// <summary>Runs an existing script in <paramref name="directory"/> (which must sit inside the repository, below its tool manifest).</summary>
    public static Task<ProcessResult> RunFileAsync(string directory, string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = SampleProject.PackagesFolder,
            ["NO_COLOR"] = "1",
            // The test process may carry a developer's signing secrets; scripts get only what a test gives them.
            ["PIPELINEGUARD_PASSWORD"] = null,
            ["COSIGN_PASSWORD"] = null,
            ["PIPELINEGUARD_SIGNING_KEY"] = null,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        // The temporary folder sits inside the repository, so `dotnet cake` finds the pinned tool manifest above it.
        return ProcessRunner.RunAsync("dotnet", ["cake", script, .. arguments], directory, env, timeout: TimeSpan.FromMinutes(8));
    }

    /// <summary>The freshly packed packages first, then the machine's usual sources for their dependencies.</summary>
    public static string NuGetConfig => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="pipelineguard-local" value="{RepositoryPaths.Packages}" />
          </packageSources>
        </configuration>
        """;
}
