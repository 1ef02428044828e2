using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary>
/// <c>pipelineguard</c> installed with <c>dotnet tool install</c> from artifacts/packages, as a user on linux-x64 gets
/// it: the pointer package resolves to the natively compiled <c>pipelineguard.cli.linux-x64</c>. Installed once per
/// test run, whichever class asks first; the JIT build next to the tests is at hand for comparison.
/// </summary>
public sealed class NativeTool : IAsyncLifetime
{
    /// <summary>The id of the native tool package, lower-cased as NuGet lays out its folders.</summary>
    public const string NativePackageId = "pipelineguard.cli.linux-x64";

    /// <summary>More native runs than this in one test run fails the run: each test keeps its process count small.</summary>
    public const int MaximumRuns = 60;

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static string? _toolPath;
    private static int _runs;

    /// <summary>The <c>--tool-path</c> folder the tool was installed into.</summary>
    public string ToolPath => _toolPath ?? throw new InvalidOperationException("The tool is not installed yet.");

    /// <summary>The command the install put on the tool path: <c>TOOLPATH/pipelineguard</c>.</summary>
    public string Command => Path.Combine(ToolPath, "pipelineguard");

    /// <summary>The file the command runs, with links followed.</summary>
    public string Executable
    {
        get
        {
            var command = new FileInfo(Command);
            return command.LinkTarget is null ? command.FullName : command.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        }
    }

    /// <summary>The JIT build of the tool, built beside the tests.</summary>
    public static string JitAssembly => Path.Combine(AppContext.BaseDirectory, "pipelineguard.dll");

    /// <summary>Native processes started so far in this test run.</summary>
    public static int Runs => Volatile.Read(ref _runs);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            _toolPath ??= await InstallAsync();
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs the installed native tool.</summary>
    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (Interlocked.Increment(ref _runs) > MaximumRuns)
        {
            throw new InvalidOperationException($"More than {MaximumRuns} native tool runs in one test run: keep the native tests few and broad.");
        }

        return ProcessRunner.RunAsync(Command, arguments, workingDirectory ?? ToolPath, environment, timeout: TimeSpan.FromMinutes(1));
    }

    /// <summary>Runs the JIT build as <c>dotnet pipelineguard.dll ARGS</c>.</summary>
    public static Task<ProcessResult> RunJitAsync(IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
        => ProcessRunner.RunAsync("dotnet", [JitAssembly, .. arguments], workingDirectory ?? AppContext.BaseDirectory, environment, timeout: TimeSpan.FromMinutes(1));

    private static async Task<string> InstallAsync()
    {
        var packed = Directory.Exists(RepositoryPaths.Packages)
            ? Directory.GetFiles(RepositoryPaths.Packages, "PipelineGuard.Cli.*.nupkg").Select(Path.GetFileName).ToList()
            : [];
        if (!packed.Any(p => p!.StartsWith("PipelineGuard.Cli.linux-x64.", StringComparison.Ordinal)) || !packed.Any(p => p!.StartsWith("PipelineGuard.Cli.any.", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"The tool packages are missing from {RepositoryPaths.Packages} (found: {(packed.Count == 0 ? "none" : string.Join(", ", packed))}): " +
                "run ./build.sh --target=Pack, which packs the pointer, native linux-x64 and portable packages.");
        }

        var toolPath = RepositoryPaths.NewTempDirectory("tool");
        var install = await ProcessRunner.RunAsync(
            "dotnet",
            ["tool", "install", "--tool-path", toolPath, "--add-source", RepositoryPaths.Packages, "--version", RepositoryPaths.PackageVersion, "PipelineGuard.Cli"],
            toolPath,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = SampleProject.PackagesFolder },
            timeout: TimeSpan.FromMinutes(3));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool install failed: {install}");
        }

        return toolPath;
    }
}
