using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

/// <summary>samples/cake/build.cake, a typical build with PipelineGuard added, run end to end on a copy of the sample.</summary>
public sealed class SampleScriptTests
{
    private const string Password = "sample-pass-52e8";

    [Fact]
    public async Task The_sample_build_cleans_restores_builds_tests_packs_lints_makes_the_SBOM_and_signs()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-sample");
        CopySample(Path.Combine(RepositoryPaths.Root, "samples", "cake"), dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "nuget.config"), CakeScript.NuGetConfig);
        var environment = new Dictionary<string, string?> { ["PIPELINEGUARD_PASSWORD"] = Password };
        var keys = await PipelineGuardTool.RunAsync(dir, environment, "generate-key-pair", "--output-key-prefix", "cosign");
        Assert.True(keys.ExitCode == 0, keys.ToString());

        var run = await CakeScript.RunFileAsync(dir, "build.cake", ["--target=Pack", "--settings_skippackageversioncheck=true"], environment);

        Scripts.Passed(run);
        var artifacts = Path.Combine(dir, "artifacts");
        var package = Path.Combine(artifacts, "Hello.1.0.0.nupkg");
        Assert.Contains("Passed!", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("pipelineguard lint: 1 Dockerfile(s), 0 error(s), 0 warning(s), 0 info/style; passed", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"pipelineguard sbom: wrote {Path.Combine(artifacts, "Hello.1.0.0.cdx.json")} (", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"pipelineguard sign-blob: signed {package}; bundle {package}.sigstore.json", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Output, StringComparison.Ordinal);

        var verify = await PipelineGuardTool.RunAsync(dir, null, "verify-blob", package, "--key", Path.Combine(dir, "cosign.pub"), "--bundle", package + ".sigstore.json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var sbom = await NodeInterop.RunAsync("validate-cyclonedx.mjs", Path.Combine(artifacts, "Hello.1.0.0.cdx.json"), "1.6");
        Assert.True(sbom.ExitCode == 0, sbom.ToString());
        Assert.Contains("YamlDotNet", await File.ReadAllTextAsync(Path.Combine(artifacts, "Hello.1.0.0.cdx.json")), StringComparison.Ordinal);
    }

    internal static void CopySample(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "artifacts" or "tools"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
