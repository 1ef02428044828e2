using PipelineGuard.Testing;

namespace Cake.PipelineGuard.Tests;

/// <summary>The freshly built <c>pipelineguard</c> tool, run as a process: the independent check of what the addin wrote.</summary>
internal static class PipelineGuardTool
{
    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        // The tool is built in the same configuration as this test assembly (bin/<Configuration>/net10.0).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var tool = Path.Combine(RepositoryPaths.Root, "src", "PipelineGuard.Cli", "bin", configuration, "net10.0", "pipelineguard.dll");
        if (!File.Exists(tool))
        {
            throw new FileNotFoundException($"{tool} is missing: build the solution in {configuration} first (./build.sh --target=Build).");
        }

        return ProcessRunner.RunAsync("dotnet", [tool, .. arguments], workingDirectory, environment, timeout: TimeSpan.FromMinutes(2));
    }
}
