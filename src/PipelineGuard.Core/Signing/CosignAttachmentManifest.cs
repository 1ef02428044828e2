using System.Text.Json;
using PipelineGuard.Oci;

namespace PipelineGuard.Signing;

/// <summary>One layer of a cosign attachment manifest (<c>.sig</c> or <c>.att</c>): blob bytes, media type, annotations.</summary>
public sealed record AttachmentLayer(string MediaType, byte[] Blob, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The blob's digest.</summary>
    public Digest Digest { get; } = Digest.Compute(Blob);
}

/// <summary>
/// Writes the manifest and config of cosign's attachment images exactly as cosign does: an OCI manifest whose layers are
/// the signatures, and a config with empty platform, zero times, one history entry and one diff_id per layer.
/// </summary>
public static class CosignAttachmentManifest
{
    /// <summary>The config JSON for layers with the given digests.</summary>
    public static byte[] Config(IReadOnlyList<Digest> layerDigests)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Compact))
        {
            json.WriteStartObject();
            json.WriteString("architecture", string.Empty);
            json.WriteString("created", "0001-01-01T00:00:00Z");
            json.WriteStartArray("history");
            foreach (var _ in layerDigests)
            {
                json.WriteStartObject();
                json.WriteString("created", "0001-01-01T00:00:00Z");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("os", string.Empty);
            json.WriteStartObject("rootfs");
            json.WriteString("type", "layers");
            json.WriteStartArray("diff_ids");
            foreach (var digest in layerDigests)
            {
                // The payload layers are stored uncompressed, so their diff_id is their digest.
                json.WriteStringValue(digest.ToString());
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("config");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The manifest JSON for a config and layers (field order as cosign writes it).</summary>
    public static byte[] Manifest(byte[] config, IReadOnlyList<(string MediaType, Digest Digest, long Size, IReadOnlyDictionary<string, string> Annotations)> layers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Compact))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", OciMediaTypes.ImageManifest);
            json.WriteStartObject("config");
            json.WriteString("mediaType", OciMediaTypes.ImageConfig);
            json.WriteNumber("size", config.Length);
            json.WriteString("digest", Digest.Compute(config).ToString());
            json.WriteEndObject();
            json.WriteStartArray("layers");
            foreach (var layer in layers)
            {
                json.WriteStartObject();
                json.WriteString("mediaType", layer.MediaType);
                json.WriteNumber("size", layer.Size);
                json.WriteString("digest", layer.Digest.ToString());
                if (layer.Annotations.Count > 0)
                {
                    json.WriteStartObject("annotations");
                    foreach (var (key, value) in layer.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
                    {
                        json.WriteString(key, value);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
