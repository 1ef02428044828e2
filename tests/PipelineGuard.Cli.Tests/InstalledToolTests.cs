using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary>The packed tool installs from artifacts/packages the way a user installs it, as the native build, and runs.</summary>
[Trait("Tier", "Package")]
public sealed class InstalledToolTests(NativeTool tool) : IClassFixture<NativeTool>
{
    [Fact]
    public async Task Dotnet_tool_install_from_the_packed_package_gives_a_working_pipelineguard()
    {
        var run = await tool.RunAsync(["--version"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(PipelineGuardInfo.Version, run.StandardOutput.Trim());
    }

    [Fact]
    public async Task On_linux_x64_the_installed_command_is_the_natively_compiled_package()
    {
        var executable = tool.Executable;
        var magic = new byte[4];
        await using (var file = File.OpenRead(executable))
        {
            Assert.Equal(4, await file.ReadAsync(magic));
        }

        Assert.True(magic is [0x7F, (byte)'E', (byte)'L', (byte)'F'], $"{executable} is not an ELF executable (starts {Convert.ToHexString(magic)}).");
        var segments = executable.Split(Path.DirectorySeparatorChar);
        Assert.True(segments.Contains(NativeTool.NativePackageId, StringComparer.OrdinalIgnoreCase), $"{executable} is not from the {NativeTool.NativePackageId} package.");
        var folder = Path.GetDirectoryName(executable)!;
        Assert.False(File.Exists(Path.Combine(folder, "pipelineguard.dll")), $"{folder} holds pipelineguard.dll: the JIT build was installed.");
        var managed = Directory.GetFiles(folder).Select(Path.GetFileName).Where(f => f!.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".pdb", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal));
        Assert.Empty(managed);
        Assert.True(File.Exists(Path.Combine(folder, "libe_sqlite3.so")), $"{folder} lacks libe_sqlite3.so, which rpm databases in image SBOMs need.");
    }
}
