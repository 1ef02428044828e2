using System.Security.Cryptography;
using PipelineGuard.Oci;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Signing;

/// <summary>Signatures and attestations held as OCI 1.1 referrers (Sigstore bundle v0.3 artifacts with a subject).</summary>
public sealed class ReferrerBundleTests
{
    private static async Task<(string Prefix, ISigner Signer)> KeyAsync(string name)
    {
        var prefix = await Cli.NewKeyPairAsync(RepositoryPaths.NewTempDirectory("refkeys"), name);
        var signer = (await PrivateKeyReader.ReadFileAsync(prefix + ".key", PasswordSource.Fixed(Cli.Password))).GetValueOrThrow();
        return (prefix, signer);
    }

    [Fact]
    public async Task A_message_signature_bundle_referrer_over_the_manifest_verifies_the_image()
    {
        var dir = RepositoryPaths.NewTempDirectory("referrer");
        var image = new OciLayoutBuilder().AddLayer(LayerEntry.File("r", "referrer")).Write(dir, "app");
        var (prefix, signer) = await KeyAsync("k");
        var (other, otherSigner) = await KeyAsync("other");
        otherSigner.Dispose();
        using (signer)
        {
            var signature = await signer.SignAsync(image.Manifest.Bytes);
            await ReferrerBundleWriter.AttachAsync(dir, image, BundleWriter.Write(new SigstoreBundle(SigstoreBundle.MediaTypeV03, PublicKeyHint.Compute(signer.PublicKey.Span),
                new MessageSignature(SHA256.HashData(image.Manifest.Bytes), signature), null)));
        }

        var verify = await Cli.RunAsync("verify", image.Reference, "--key", prefix + ".pub");
        var wrongKey = await Cli.RunAsync("verify", image.Reference, "--key", other + ".pub");

        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains(image.Manifest.Digest, verify.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("referrer bundle", wrongKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dsse_bundle_referrer_is_read_as_an_attestation_of_the_image()
    {
        var dir = RepositoryPaths.NewTempDirectory("referrer-att");
        var image = new OciLayoutBuilder().AddLayer(LayerEntry.File("r", "referrer attestation")).Write(dir, "app");
        var (prefix, signer) = await KeyAsync("k");
        using (signer)
        {
            var statement = new InTotoStatement(
                [new InTotoSubject("app", new Dictionary<string, string> { ["sha256"] = image.Manifest.Digest["sha256:".Length..] })],
                PredicateTypes.SlsaProvenanceV1,
                new System.Text.Json.Nodes.JsonObject { ["runDetails"] = new System.Text.Json.Nodes.JsonObject() });
            var envelope = await Dsse.SignAsync(signer, Dsse.InTotoPayloadType, statement.ToJson());
            await ReferrerBundleWriter.AttachAsync(dir, image, BundleWriter.Write(new SigstoreBundle(SigstoreBundle.MediaTypeV03, PublicKeyHint.Compute(signer.PublicKey.Span), null, envelope)));
        }

        var verify = await Cli.RunAsync("verify-attestation", image.Reference, "--key", prefix + ".pub", "--type", "slsaprovenance1");
        var wrongType = await Cli.RunAsync("verify-attestation", image.Reference, "--key", prefix + ".pub", "--type", "spdxjson");

        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Equal(1, wrongType.ExitCode);
        Assert.Contains("PredicateType".ToLowerInvariant(), wrongType.Error.ToLowerInvariant(), StringComparison.Ordinal);
    }
}
