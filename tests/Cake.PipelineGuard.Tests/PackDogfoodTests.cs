using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

/// <summary>
/// What <c>./build.sh --target=Pack</c> leaves behind after build/pipelineguard.cake ran the freshly packed addin:
/// every package with a valid SBOM beside it and a bundle that the pipelineguard tool verifies, and a gate report.
/// </summary>
public sealed class PackDogfoodTests
{
    private static readonly string[] PackageIds = ["PipelineGuard.Core", "PipelineGuard.Cli", "PipelineGuard.MSBuild", "Cake.PipelineGuard"];

    private static string PublicKey => Path.Combine(RepositoryPaths.Root, "artifacts", "signing", "public-key.pem");

    public static TheoryData<string> Packages => new(PackageIds);

    [Theory]
    [MemberData(nameof(Packages))]
    public async Task Each_package_has_an_SBOM_that_validates_and_a_bundle_that_verify_blob_accepts(string id)
    {
        var version = RepositoryPaths.PackageVersion;
        var package = Path.Combine(RepositoryPaths.Packages, $"{id}.{version}.nupkg");
        var sbom = Path.Combine(RepositoryPaths.Packages, $"{id}.{version}.cdx.json");
        Assert.True(File.Exists(package), package);
        Assert.True(File.Exists(sbom), $"{sbom} missing: Pack runs build/pipelineguard.cake");

        var validation = await NodeInterop.RunAsync("validate-cyclonedx.mjs", sbom, "1.6");
        Assert.True(validation.ExitCode == 0, validation.ToString());
        using (var document = JsonDocument.Parse(await File.ReadAllBytesAsync(sbom)))
        {
            Assert.Equal(id, document.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
        }

        foreach (var signed in new[] { package, sbom })
        {
            var verify = await PipelineGuardTool.RunAsync(RepositoryPaths.Packages, null, "verify-blob", signed, "--key", PublicKey, "--bundle", signed + ".sigstore.json");
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.Contains("Verified OK", verify.StandardError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_package_changed_after_Pack_no_longer_verifies()
    {
        var package = Path.Combine(RepositoryPaths.Packages, $"Cake.PipelineGuard.{RepositoryPaths.PackageVersion}.nupkg");
        var copy = Path.Combine(RepositoryPaths.NewTempDirectory("pack-tamper"), Path.GetFileName(package));
        var bytes = await File.ReadAllBytesAsync(package);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(copy, bytes);

        var verify = await PipelineGuardTool.RunAsync(RepositoryPaths.Packages, null, "verify-blob", copy, "--key", PublicKey, "--bundle", package + ".sigstore.json");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("invalid signature", verify.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_writes_a_gate_report_covering_the_samples_Dockerfiles_and_a_lint_SARIF()
    {
        var report = Path.Combine(RepositoryPaths.Root, "artifacts", "gate-report.json");
        Assert.True(File.Exists(report), report);
        var text = await File.ReadAllTextAsync(report);
        Assert.Contains("samples/cake/Dockerfile", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "artifacts", "gate-report.md")));
        var sarif = await NodeInterop.RunAsync("validate-sarif.mjs", Path.Combine(RepositoryPaths.Root, "artifacts", "lint.sarif"));
        Assert.True(sarif.ExitCode == 0, sarif.ToString());
    }
}
