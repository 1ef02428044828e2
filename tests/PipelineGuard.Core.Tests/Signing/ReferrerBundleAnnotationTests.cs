using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

/// <summary>
/// <c>verify -a k=v</c> applies to signatures held as OCI 1.1 referrer bundles too: a bundle signed with env=dev passed
/// <c>-a env=prod</c>, because annotations were only compared on <c>.sig</c> layers.
/// </summary>
public sealed class ReferrerBundleAnnotationTests : IDisposable
{
    private readonly EcdsaSigner _key = EcdsaSigner.Generate();

    public void Dispose() => _key.Dispose();

    private async Task<(OciLayoutImage Image, string KeyFile)> ImageAsync(bool statement, JsonObject? annotations)
    {
        var image = new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/marker", "x\n")).Write(RepositoryPaths.NewTempDirectory("bundle-annotations"), "1");
        SigstoreBundle bundle;
        if (statement)
        {
            var predicate = annotations is null ? new JsonObject() : new JsonObject { ["annotations"] = annotations };
            var sign = new InTotoStatement(
                [new InTotoSubject("image", new Dictionary<string, string> { ["sha256"] = image.Manifest.Digest["sha256:".Length..] })],
                ImageVerifier.CosignSignPredicateType, predicate);
            var envelope = await Dsse.SignAsync(_key, Dsse.InTotoPayloadType, sign.ToJson());
            bundle = new SigstoreBundle(SigstoreBundle.MediaTypeV03, PublicKeyHint.Compute(_key.PublicKey.Span), null, envelope);
        }
        else
        {
            var signature = await _key.SignAsync(image.Manifest.Bytes);
            bundle = new SigstoreBundle(SigstoreBundle.MediaTypeV03, PublicKeyHint.Compute(_key.PublicKey.Span), new MessageSignature(SHA256.HashData(image.Manifest.Bytes), signature), null);
        }

        await ReferrerBundleWriter.AttachAsync(image.Directory, image, BundleWriter.Write(bundle));
        var keyFile = Path.Combine(image.Directory, "..", Path.GetFileName(image.Directory) + ".pub");
        await File.WriteAllTextAsync(keyFile, PemEncoding.WriteString("PUBLIC KEY", _key.PublicKey.Span));
        return (image, keyFile);
    }

    private static async Task<ImageVerificationResult> VerifyAsync(OciLayoutImage image, string keyFile, string name, string value)
    {
        var result = await ImageVerifier.VerifySignaturesAsync(new VerifyImageOptions([$"oci:{image.Directory}:1"], [keyFile])
        {
            Annotations = new Dictionary<string, string> { [name] = value },
        });
        Assert.True(result.Succeeded, result.Succeeded ? null : result.Error);
        return Assert.Single(result.Value.Images);
    }

    [Fact]
    public async Task A_bundle_signed_with_env_dev_does_not_pass_env_prod_and_passes_env_dev()
    {
        var (image, key) = await ImageAsync(statement: true, new JsonObject { ["env"] = "dev" });

        var prod = await VerifyAsync(image, key, "env", "prod");
        Assert.False(prod.Status.IsValid);
        Assert.True(prod.Status.Message.Contains("'env'", StringComparison.Ordinal), prod.Status.Message);

        Assert.True((await VerifyAsync(image, key, "env", "dev")).Status.IsValid);
    }

    [Fact]
    public async Task A_number_annotation_in_a_bundle_does_not_match_its_text_and_a_message_signature_meets_no_annotation()
    {
        var (numbered, key) = await ImageAsync(statement: true, new JsonObject { ["n"] = 1 });
        Assert.False((await VerifyAsync(numbered, key, "n", "1")).Status.IsValid);

        var (message, messageKey) = await ImageAsync(statement: false, null);
        var result = await VerifyAsync(message, messageKey, "env", "prod");
        Assert.False(result.Status.IsValid);
        Assert.True(result.Status.Message.Contains("carries no annotations", StringComparison.Ordinal), result.Status.Message);
    }
}
