using System.Text.RegularExpressions;
using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary>Long work shows progress at a terminal, and nothing of it reaches pipes and logs.</summary>
public sealed class ProgressTests
{
    internal static OciLayoutImage TwoLayerImage()
    {
        var noise = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(noise);
        return new OciLayoutBuilder()
            .AddLayer(LayerEntry.File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
            .AddLayer(new LayerEntry("opt/app/data.bin", noise))
            .Write(RepositoryPaths.NewTempDirectory("progress-image"), "v1");
    }

    internal static void AssertSbomWritten(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        Assert.Equal("CycloneDX", json.RootElement.GetProperty("bomFormat").GetString());
    }

    [Fact]
    public async Task An_image_sbom_at_a_terminal_shows_a_bar_per_layer_that_reaches_100_percent()
    {
        var image = TwoLayerImage();
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("progress"), "image.cdx.json");
        var run = await PseudoTerminal.RunAsync("dotnet", [NativeTool.JitAssembly, "sbom", "--image", image.Reference, "-o", file], AppContext.BaseDirectory);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("layer 1/2 sha256:", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("layer 2/2 sha256:", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("100%", run.StandardOutput, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(run.StandardOutput, @"layer 2/2 sha256:\S+ .*100%.*[0-9.]+ (MiB|MB)"), run.StandardOutput);
        AssertSbomWritten(file);
    }

    [Fact]
    public async Task The_gate_at_a_terminal_shows_one_bar_over_its_checks()
    {
        var hello = Samples.SampleCopies.CopyTracked(Path.Combine("samples", "HelloService"), RepositoryPaths.NewTempDirectory("progress-gate"));
        var restore = await ProcessRunner.RunAsync("dotnet", ["restore", hello], hello, timeout: TimeSpan.FromMinutes(3));
        Assert.True(restore.ExitCode == 0, restore.ToString());
        var output = RepositoryPaths.NewTempDirectory("progress-gate-out");
        var run = await PseudoTerminal.RunAsync("dotnet", [NativeTool.JitAssembly, "gate", hello, "--output-dir", output, "--format", "json"], hello);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(Regex.IsMatch(run.StandardOutput, @"gate: 2 check\(s\) done.*100%"), run.StandardOutput);
        Assert.Contains("pipelineguard gate: PASSED", run.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "pipelineguard.json")));
    }

    [Fact]
    public async Task Redirected_or_switched_off_there_is_no_progress()
    {
        var image = TwoLayerImage();
        var dir = RepositoryPaths.NewTempDirectory("progress-off");
        var piped = await NativeTool.RunJitAsync(["sbom", "--image", image.Reference, "-o", Path.Combine(dir, "a.cdx.json")]);
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.DoesNotContain("layer 1/2", piped.StandardError + piped.StandardOutput, StringComparison.Ordinal);

        var command = $"PIPELINEGUARD_NO_PROGRESS=1 dotnet '{NativeTool.JitAssembly}' sbom --image '{image.Reference}' -o '{Path.Combine(dir, "b.cdx.json")}'";
        var quiet = await PseudoTerminal.RunAsync("sh", ["-c", command], dir);
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.DoesNotContain("layer 1/2", quiet.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("wrote", quiet.StandardOutput, StringComparison.Ordinal);
        AssertSbomWritten(Path.Combine(dir, "b.cdx.json"));
    }
}

/// <summary>The natively compiled tool draws the same progress (Spectre.Console under ahead-of-time compilation).</summary>
[Trait("Tier", "Package")]
public sealed class NativeProgressTests(NativeTool tool) : IClassFixture<NativeTool>
{
    [Fact]
    public async Task The_native_tool_shows_the_same_progress_at_a_terminal()
    {
        var image = ProgressTests.TwoLayerImage();
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("progress-native"), "image.cdx.json");
        var run = await PseudoTerminal.RunAsync(tool.Command, ["sbom", "--image", image.Reference, "-o", file], tool.ToolPath);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("layer 2/2 sha256:", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("100%", run.StandardOutput, StringComparison.Ordinal);
        ProgressTests.AssertSbomWritten(file);
    }
}
