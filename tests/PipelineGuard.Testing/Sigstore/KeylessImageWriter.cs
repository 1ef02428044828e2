using System.Text.Json.Nodes;
using PipelineGuard.Oci;
using PipelineGuard.Signing;

namespace PipelineGuard.Testing.Sigstore;

/// <summary>
/// Signs and attests images keyless with a <see cref="TestSigstore"/>, stored as cosign's legacy keyless attachments:
/// the <c>sha256-HEX.sig</c> (<c>.att</c>) manifest whose layer carries the certificate, chain and Rekor bundle
/// annotations. Works on registry references and <c>oci:DIR[:TAG]</c>; a fixture that cannot be written throws.
/// </summary>
public static class KeylessImageWriter
{
    /// <summary>Signs <paramref name="image"/> as <paramref name="identity"/>; the payload names its digest and <paramref name="dockerReference"/>.</summary>
    /// <returns>The image digest.</returns>
    public static Task<string> SignAsync(TestSigstore sigstore, string image, TestIdentity identity, string dockerReference = "pipelineguard.test/keyless", TestBundleOptions? options = null, RegistryClientOptions? registry = null)
    {
        ArgumentNullException.ThrowIfNull(sigstore);
        return WriteAsync(image, ".sig", registry, digest =>
        {
            var payload = new SimpleSigningPayload(dockerReference, digest.ToString(), new Dictionary<string, JsonNode?>()).ToJson();
            return new AttachmentLayer(SimpleSigningPayload.MediaType, payload, sigstore.SignLayer(payload, identity, options));
        });
    }

    /// <summary>Attests <paramref name="image"/> as <paramref name="identity"/> with a statement of <paramref name="predicateType"/> about its digest.</summary>
    /// <returns>The image digest.</returns>
    public static Task<string> AttestAsync(TestSigstore sigstore, string image, string predicateType, JsonNode predicate, TestIdentity identity, TestBundleOptions? options = null, RegistryClientOptions? registry = null)
    {
        ArgumentNullException.ThrowIfNull(sigstore);
        return WriteAsync(image, ".att", registry, digest =>
        {
            var statement = new InTotoStatement([new InTotoSubject("image", new Dictionary<string, string> { ["sha256"] = digest.Hex })], predicateType, predicate);
            var (envelope, annotations) = sigstore.SignAttestationLayer(statement.ToJson(), identity, options);
            return new AttachmentLayer(Dsse.EnvelopeMediaType, envelope, annotations);
        });
    }

    private static async Task<string> WriteAsync(string image, string suffix, RegistryClientOptions? registry, Func<Digest, AttachmentLayer> layerFor)
    {
        if (!ImageLocation.TryParse(image, out var location, out var error))
        {
            throw new ArgumentException(error, nameof(image));
        }

        using var store = await location.OpenStoreAsync(registry ?? CosignImageWriter.LoopbackRegistry);
        var digest = (await store.ResolveAsync(location.Repository, location.Reference.Length == 0 ? ImageReference.DefaultTag : location.Reference)).Digest;
        var layer = layerFor(digest);
        var config = CosignAttachmentManifest.Config([layer.Digest]);
        var manifest = CosignAttachmentManifest.Manifest(config, [(layer.MediaType, layer.Digest, (long)layer.Blob.Length, layer.Annotations)]);
        foreach (var blob in new[] { layer.Blob, config })
        {
            await store.PutBlobAsync(location.Repository, Digest.Compute(blob), new MemoryStream(blob), blob.Length);
        }

        await store.PutManifestAsync(location.Repository, digest.ToTagSchema() + suffix, manifest, OciMediaTypes.ImageManifest);
        return digest.ToString();
    }
}
