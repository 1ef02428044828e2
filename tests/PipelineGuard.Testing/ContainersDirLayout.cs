using System.Text.Json;
using PipelineGuard.Oci;
using PipelineGuard.Signing;

namespace PipelineGuard.Testing;

/// <summary>
/// Turns a containers/image <c>dir:</c> copy with cosign signatures (<c>manifest.json</c>, <c>signature-N</c> files:
/// a 0x00 byte, <c>sigstore-json\n</c>, then JSON with mimeType, base64 payload and annotations) into an OCI layout
/// where the manifest is tagged and the signatures are the layers of its <c>sha256-HEX.sig</c> manifest, as a
/// registry would hold them. The vectors stay untouched; the layout is written elsewhere.
/// </summary>
public static class ContainersDirLayout
{
    private static readonly byte[] s_prefix = [0x00, .. "sigstore-json\n"u8];

    /// <summary>Writes the layout for <paramref name="vectorDirectory"/> in <paramref name="layoutDirectory"/>; returns <c>oci:DIR:TAG</c>.</summary>
    public static async Task<string> WriteAsync(string vectorDirectory, string layoutDirectory, string tag = "vector")
    {
        var manifest = await File.ReadAllBytesAsync(Path.Combine(vectorDirectory, "manifest.json"));
        using var document = JsonDocument.Parse(manifest);
        var mediaType = document.RootElement.GetProperty("mediaType").GetString()!;
        using var store = OciLayoutStore.OpenOrCreate(layoutDirectory);
        var digest = await store.PutManifestAsync(string.Empty, tag, manifest, mediaType);

        var layers = new List<AttachmentLayer>();
        for (var i = 1; File.Exists(Path.Combine(vectorDirectory, $"signature-{i}")); i++)
        {
            layers.Add(Parse(await File.ReadAllBytesAsync(Path.Combine(vectorDirectory, $"signature-{i}"))));
        }

        var config = CosignAttachmentManifest.Config(layers.Select(l => l.Digest).ToList());
        foreach (var blob in layers.Select(l => l.Blob).Append(config))
        {
            await store.PutBlobAsync(string.Empty, Digest.Compute(blob), new MemoryStream(blob), blob.Length);
        }

        var signatures = CosignAttachmentManifest.Manifest(config, layers.Select(l => (l.MediaType, l.Digest, (long)l.Blob.Length, l.Annotations)).ToList());
        await store.PutManifestAsync(string.Empty, digest.ToTagSchema() + ".sig", signatures, OciMediaTypes.ImageManifest);
        return $"oci:{layoutDirectory}:{tag}";
    }

    private static AttachmentLayer Parse(byte[] bytes)
    {
        var layer = ParseSignatureFile(bytes);
        return new AttachmentLayer(layer.MediaType, layer.Payload, layer.Annotations);
    }

    /// <summary>One <c>signature-N</c> file of a containers/image <c>dir:</c> copy as the signature layer it stands for.</summary>
    public static SignatureLayer ParseSignatureFile(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith(s_prefix))
        {
            throw new InvalidDataException("not a sigstore-json signature file");
        }

        using var document = JsonDocument.Parse(bytes.AsMemory(s_prefix.Length));
        var root = document.RootElement;
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("annotations", out var map))
        {
            foreach (var entry in map.EnumerateObject())
            {
                annotations[entry.Name] = entry.Value.GetString()!;
            }
        }

        return new SignatureLayer(root.GetProperty("mimeType").GetString()!, Convert.FromBase64String(root.GetProperty("payload").GetString()!), annotations);
    }
}
