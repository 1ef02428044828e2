using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Harness;

/// <summary>The node interop harness verifies for real: a bundle built here passes @sigstore/verify, a changed one fails.</summary>
public sealed class NodeInteropTests
{
    [Fact]
    public async Task Sigstore_verify_accepts_a_valid_bundle_and_rejects_one_with_a_changed_artifact()
    {
        var dir = RepositoryPaths.NewTempDirectory("interop");
        var artifact = Encoding.UTF8.GetBytes("interop harness artifact\n");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = key.SignData(artifact, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var spki = key.ExportSubjectPublicKeyInfo();
        var bundle = new JsonObject
        {
            ["mediaType"] = "application/vnd.dev.sigstore.bundle.v0.3+json",
            ["verificationMaterial"] = new JsonObject { ["publicKey"] = new JsonObject { ["hint"] = Convert.ToBase64String(SHA256.HashData(spki)) } },
            ["messageSignature"] = new JsonObject
            {
                ["messageDigest"] = new JsonObject { ["algorithm"] = "SHA2_256", ["digest"] = Convert.ToBase64String(SHA256.HashData(artifact)) },
                ["signature"] = Convert.ToBase64String(signature),
            },
        };
        var bundlePath = Path.Combine(dir, "artifact.sigstore.json");
        var keyPath = Path.Combine(dir, "key.pub");
        var artifactPath = Path.Combine(dir, "artifact.txt");
        await File.WriteAllTextAsync(bundlePath, bundle.ToJsonString());
        await File.WriteAllTextAsync(keyPath, key.ExportSubjectPublicKeyInfoPem());
        await File.WriteAllBytesAsync(artifactPath, artifact);

        var good = await NodeInterop.RunAsync("verify-bundle.mjs", bundlePath, keyPath, artifactPath);
        Assert.True(good.ExitCode == 0, good.ToString());

        artifact[0] ^= 1;
        await File.WriteAllBytesAsync(artifactPath, artifact);
        var bad = await NodeInterop.RunAsync("verify-bundle.mjs", bundlePath, keyPath, artifactPath);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("rejected", bad.StandardOutput, StringComparison.Ordinal);
    }
}
