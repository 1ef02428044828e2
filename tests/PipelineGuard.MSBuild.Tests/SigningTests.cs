using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>Signing on pack with a key from generate-key-pair, checked by pipelineguard verify-blob and by @sigstore/verify.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class SigningTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Pack_with_a_signing_key_writes_bundles_beside_the_nupkg_and_the_SBOM_that_both_verifiers_accept()
    {
        var project = EndToEnd.ConsoleApp("SignedOnPack");
        await GenerateKeyPairAsync(project.Directory);

        var pack = await project.DotNetAsync(["pack", "-nologo", "-o", "out", "-p:PipelineGuardSigningKey=signing.key"], new Dictionary<string, string?> { ["PIPELINEGUARD_PASSWORD"] = Password, ["COSIGN_PASSWORD"] = null });
        Assert.True(pack.ExitCode == 0, pack.ToString());

        var publicKey = Path.Combine(project.Directory, "signing.pub");
        foreach (var signed in new[] { "SignedOnPack.1.0.0.nupkg", "SignedOnPack.1.0.0.cdx.json" })
        {
            var file = Path.Combine(project.Directory, "out", signed);
            var bundle = file + ".sigstore.json";
            Assert.True(File.Exists(bundle), $"{bundle} is missing\n{pack}");

            var verify = await ProcessRunner.RunAsync("dotnet", [EndToEnd.BundledTool, "verify-blob", file, "--key", publicKey, "--bundle", bundle], project.Directory);
            Assert.True(verify.ExitCode == 0, verify.ToString());
            var node = await NodeInterop.RunAsync("verify-bundle.mjs", bundle, publicKey, file);
            Assert.True(node.ExitCode == 0, node.ToString());
        }

        // One byte changed in the package: both verifiers reject it.
        var nupkg = Path.Combine(project.Directory, "out", "SignedOnPack.1.0.0.nupkg");
        var tampered = Path.Combine(project.Directory, "tampered.nupkg");
        var bytes = await File.ReadAllBytesAsync(nupkg);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(tampered, bytes);
        var rejected = await ProcessRunner.RunAsync("dotnet", [EndToEnd.BundledTool, "verify-blob", tampered, "--key", publicKey, "--bundle", nupkg + ".sigstore.json"], project.Directory);
        Assert.NotEqual(0, rejected.ExitCode);
        var nodeRejected = await NodeInterop.RunAsync("verify-bundle.mjs", nupkg + ".sigstore.json", publicKey, tampered);
        Assert.NotEqual(0, nodeRejected.ExitCode);
    }

    [Fact]
    public async Task Pack_with_a_signing_key_and_no_password_in_the_environment_fails_with_a_clear_error()
    {
        var project = EndToEnd.ConsoleApp("SignedNoPassword");
        await GenerateKeyPairAsync(project.Directory);

        var pack = await project.DotNetAsync(["pack", "-nologo", "-o", "out", "-p:PipelineGuardSigningKey=signing.key"], new Dictionary<string, string?> { ["PIPELINEGUARD_PASSWORD"] = null, ["COSIGN_PASSWORD"] = null });

        Assert.NotEqual(0, pack.ExitCode);
        Assert.Contains("error PGMSB011: No password for the signing key: set PIPELINEGUARD_PASSWORD or COSIGN_PASSWORD", pack.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project.Directory, "out", "SignedNoPassword.1.0.0.nupkg.sigstore.json")));
    }

    [Fact]
    public async Task The_password_may_come_from_COSIGN_PASSWORD_and_a_wrong_one_is_refused()
    {
        var project = EndToEnd.ConsoleApp("SignedCosignPassword");
        await GenerateKeyPairAsync(project.Directory);

        var wrong = await project.DotNetAsync(["pack", "-nologo", "-o", "out", "-p:PipelineGuardSigningKey=signing.key"], new Dictionary<string, string?> { ["PIPELINEGUARD_PASSWORD"] = null, ["COSIGN_PASSWORD"] = "not the password" });
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("error PGMSB012", wrong.StandardOutput, StringComparison.Ordinal);

        var right = await project.DotNetAsync(["pack", "-nologo", "-o", "out", "-p:PipelineGuardSigningKey=signing.key"], new Dictionary<string, string?> { ["PIPELINEGUARD_PASSWORD"] = null, ["COSIGN_PASSWORD"] = Password });
        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.True(File.Exists(Path.Combine(project.Directory, "out", "SignedCosignPassword.1.0.0.nupkg.sigstore.json")));
    }

    internal static async Task GenerateKeyPairAsync(string directory)
    {
        var generate = await ProcessRunner.RunAsync("dotnet", [EndToEnd.BundledTool, "generate-key-pair", "--output-key-prefix", "signing"], directory, new Dictionary<string, string?> { ["PIPELINEGUARD_PASSWORD"] = Password });
        Assert.True(generate.ExitCode == 0, generate.ToString());
    }
}
