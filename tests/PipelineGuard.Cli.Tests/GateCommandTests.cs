using System.Text.Json;
using PipelineGuard.Cli.Tests.Samples;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary><c>gate</c> over the samples as a fresh clone has them, in process and as a real process in a CI environment.</summary>
public sealed class GateCommandTests
{
    private static string FreshSamples() => SampleCopies.CopyTracked("samples", RepositoryPaths.NewTempDirectory("clone"));

    private static async Task RestoreAsync(string project)
    {
        var restore = await ProcessRunner.RunAsync("dotnet", ["restore", project], project, timeout: TimeSpan.FromMinutes(5));
        Assert.True(restore.ExitCode == 0, restore.ToString());
    }

    [Fact]
    public async Task The_main_job_passes_on_the_HelloService_sample_as_a_fresh_clone_has_it()
    {
        var samples = FreshSamples();
        var hello = Path.Combine(samples, "HelloService");
        await RestoreAsync(hello);
        var output = RepositoryPaths.NewTempDirectory("gate-out");

        var (code, stdout, stderr) = await CliRunner.RunAsync("gate", hello, "--output-dir", output);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("pipelineguard gate: PASSED", stdout, StringComparison.Ordinal);
        // What was checked, in plain words: the base image and each rule that held, the lint and the SBOM.
        Assert.Contains("  base image registry.pipelineguard.test/base/hello-runtime:1.0@sha256:", stdout, StringComparison.Ordinal);
        Assert.Contains("    ok          PG3003 Pinned to sha256:", stdout, StringComparison.Ordinal);
        Assert.Contains("    ok          PG3006 Signed by keys/demo.pub.", stdout, StringComparison.Ordinal);
        Assert.Contains("built by https://builds.pipelineguard.test/base-images@v1", stdout, StringComparison.Ordinal);
        Assert.Contains("  lint: 1 Dockerfile(s), 0 finding(s)", stdout, StringComparison.Ordinal);
        Assert.Contains("  SBOM: HelloService.cdx.json, 1 component(s) (MIT: 1)", stdout, StringComparison.Ordinal);
        foreach (var report in new[] { "pipelineguard.json", "pipelineguard.sarif", "pipelineguard.md", "pipelineguard.html", "HelloService.cdx.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, report)), report);
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "pipelineguard.json")));
        Assert.Equal("pass", json.RootElement.GetProperty("verdict").GetString());
        var image = json.RootElement.GetProperty("baseImages")[0];
        Assert.Equal(["pass", "pass", "pass", "pass", "pass", "pass", "pass"], image.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("outcome").GetString()));
        Assert.True(json.RootElement.GetProperty("sbom").GetProperty("components").GetInt32() >= 1);
        Assert.Equal(1, json.RootElement.GetProperty("sbom").GetProperty("byLicense").GetProperty("MIT").GetInt32());
    }

    [Fact]
    public async Task UnsafeService_fails_with_clear_explanations()
    {
        var samples = FreshSamples();
        var (code, stdout, _) = await CliRunner.RunAsync("gate", Path.Combine(samples, "UnsafeService"), "--output-dir", RepositoryPaths.NewTempDirectory("gate-out"), "--format", "markdown");
        Assert.Equal(1, code);
        Assert.Contains("pipelineguard gate: FAILED", stdout, StringComparison.Ordinal);
        Assert.Contains("Registry docker.io is not allowed", stdout, StringComparison.Ordinal);
        Assert.Contains("Not pinned by digest", stdout, StringComparison.Ordinal);
        Assert.Contains("No signature is stored", stdout, StringComparison.Ordinal);
        Assert.Contains("more than the 365 allowed", stdout, StringComparison.Ordinal);
        Assert.Contains("expired on 2025-06-30", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_on_the_HelloService_sample_writes_a_policy_the_gate_accepts()
    {
        var samples = FreshSamples();
        var hello = Path.Combine(samples, "HelloService");
        await RestoreAsync(hello);

        var (kept, _, keptError) = await CliRunner.RunAsync("init", hello);
        Assert.Equal(2, kept);
        Assert.Contains("pass --force", keptError, StringComparison.Ordinal);

        var (code, stdout, stderr) = await CliRunner.RunAsync("init", hello, "--force");
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("registry.pipelineguard.test/base/hello-runtime: key keys/demo.pub", stdout, StringComparison.Ordinal);
        var policy = await File.ReadAllTextAsync(Path.Combine(hello, "pipelineguard.yaml"));
        Assert.Contains("registry.pipelineguard.test/base/hello-runtime: base-image", policy, StringComparison.Ordinal);
        Assert.Contains("requireDigest: true", policy, StringComparison.Ordinal);

        var (gate, gateOut, gateError) = await CliRunner.RunAsync("gate", hello, "--output-dir", RepositoryPaths.NewTempDirectory("gate-out"));
        Assert.True(gate == 0, gateOut + gateError);
        Assert.Contains("pipelineguard gate: PASSED", gateOut, StringComparison.Ordinal);
        Assert.Contains("1 base image(s) trusted", gateOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_GitHub_Actions_it_writes_the_step_summary_and_error_annotations()
    {
        // As samples/github-actions.yml runs it: from the checkout's root, on a folder below it. The annotations name the
        // file from the root (GitHub resolves them against the workspace), not from the gate's folder.
        var checkout = RepositoryPaths.NewTempDirectory("checkout");
        SampleCopies.CopyTracked("samples", Path.Combine(checkout, "samples"));
        Directory.CreateDirectory(Path.Combine(checkout, ".git"));
        var summary = Path.Combine(RepositoryPaths.NewTempDirectory("summary"), "step-summary.md");
        var tool = typeof(PipelineGuardCli).Assembly.Location;
        var run = await ProcessRunner.RunAsync(
            "dotnet",
            [tool, "gate", "samples/UnsafeService", "--output-dir", RepositoryPaths.NewTempDirectory("gate-out")],
            checkout,
            new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary, ["GITHUB_WORKSPACE"] = checkout, ["GITLAB_CI"] = null, ["TF_BUILD"] = null },
            timeout: TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("::error file=samples/UnsafeService/Dockerfile,line=8,col=6,", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("file=Dockerfile,", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("title=PG3006 signature::", run.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("## PipelineGuard gate: ❌ failed", await File.ReadAllTextAsync(summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_broken_policy_is_a_usage_error_naming_the_line()
    {
        var dir = RepositoryPaths.NewTempDirectory("nopolicy");
        var (missing, _, missingError) = await CliRunner.RunAsync("gate", dir);
        Assert.Equal(2, missing);
        Assert.Contains("pipelineguard.yaml", missingError, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(dir, "pipelineguard.yaml"), "version: 1\nbaseImages:\n  maxAgeDays: -3\n");
        var (broken, _, brokenError) = await CliRunner.RunAsync("gate", dir);
        Assert.Equal(2, broken);
        Assert.Contains("pipelineguard.yaml:3:15: baseImages.maxAgeDays:", brokenError, StringComparison.Ordinal);
    }
}
