using System.Text.RegularExpressions;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Samples;

/// <summary>
/// The sample base images are made by <see cref="SampleImageKit"/>. This test makes them afresh in a scratch copy of the
/// sample and gates it; with PIPELINEGUARD_REGENERATE_SAMPLES=1 (samples/make-sample-images.sh) it also replaces the
/// committed layouts and re-pins HelloService's Dockerfile.
/// </summary>
public sealed partial class SampleImageTests
{
    [GeneratedRegex("@sha256:[0-9a-f]{64}")]
    private static partial Regex PinnedDigest();

    [Fact]
    public async Task Freshly_made_sample_images_pass_the_HelloService_gate_and_fail_the_UnsafeService_gate()
    {
        var samples = Path.Combine(RepositoryPaths.Root, "samples");
        var regenerate = Environment.GetEnvironmentVariable("PIPELINEGUARD_REGENERATE_SAMPLES") == "1";
        var target = regenerate ? samples : SampleCopies.CopyTracked("samples", RepositoryPaths.NewTempDirectory("samples"));
        var hello = Path.Combine(target, "HelloService");
        var digest = await SampleImageKit.WriteHelloBaseAsync(Path.Combine(hello, "base-image"), Path.Combine(hello, "keys", "demo.key"));
        await SampleImageKit.WriteUnsafeBaseAsync(Path.Combine(target, "UnsafeService", "base-image"));
        var dockerfile = Path.Combine(hello, "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, PinnedDigest().Replace(await File.ReadAllTextAsync(dockerfile), "@" + digest, 1));

        var layoutBytes = Directory.EnumerateFiles(Path.Combine(hello, "base-image"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.InRange(layoutBytes, 1, 64 * 1024);

        var output = RepositoryPaths.NewTempDirectory("sample-gate");
        var (code, stdout, stderr) = await CliRunner.RunAsync("gate", hello, "--output-dir", output, "--format", "json");
        var json = await File.ReadAllTextAsync(Path.Combine(output, "pipelineguard.json"));
        Assert.True(json.Contains("\"passed\": true", StringComparison.Ordinal), json + stdout + stderr);
        Assert.Contains("\"ruleId\": \"PG3006\",\n          \"outcome\": \"pass\"", json.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"ruleId\": \"PG3007\",\n          \"outcome\": \"pass\"", json.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(code == 0, json.Contains("\"verdict\": \"pass\"", StringComparison.Ordinal));

        var (unsafeCode, unsafeOut, _) = await CliRunner.RunAsync("gate", Path.Combine(target, "UnsafeService"), "--output-dir", RepositoryPaths.NewTempDirectory("unsafe-gate"), "--format", "json");
        Assert.Equal(1, unsafeCode);
        Assert.Contains("No signature is stored", unsafeOut, StringComparison.Ordinal);
    }
}
