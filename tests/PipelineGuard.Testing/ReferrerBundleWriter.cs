using System.Text;
using PipelineGuard.Oci;

namespace PipelineGuard.Testing;

/// <summary>
/// Attaches a Sigstore bundle (v0.3) to an image of an OCI layout as an OCI 1.1 referrer: an artifact manifest with
/// the bundle as its one layer, the empty config and a <c>subject</c> naming the image.
/// </summary>
public static class ReferrerBundleWriter
{
    private const string BundleMediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";
    private const string EmptyConfigDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    /// <summary>Stores <paramref name="bundle"/> in <paramref name="layoutDirectory"/> as a referrer of <paramref name="image"/>.</summary>
    public static async Task AttachAsync(string layoutDirectory, OciLayoutImage image, byte[] bundle)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(bundle);
        using var store = OciLayoutStore.Open(layoutDirectory);
        var bundleDigest = Digest.Compute(bundle);
        await store.PutBlobAsync(string.Empty, bundleDigest, new MemoryStream(bundle), bundle.Length);
        var empty = "{}"u8.ToArray();
        await store.PutBlobAsync(string.Empty, Digest.Parse(EmptyConfigDigest), new MemoryStream(empty), empty.Length);
        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"{BundleMediaType}\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\"{EmptyConfigDigest}\"}}," +
            $"\"layers\":[{{\"mediaType\":\"{BundleMediaType}\",\"size\":{bundle.Length},\"digest\":\"{bundleDigest}\"}}]," +
            $"\"subject\":{{\"mediaType\":\"{image.Manifest.MediaType}\",\"size\":{image.Manifest.Size},\"digest\":\"{image.Manifest.Digest}\"}}}}");
        await store.PutManifestAsync(string.Empty, Digest.Compute(manifest).ToString(), manifest, OciMediaTypes.ImageManifest);
    }
}
