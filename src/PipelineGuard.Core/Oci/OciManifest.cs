using System.Text.Json;

namespace PipelineGuard.Oci;

/// <summary>
/// A parsed image manifest (OCI or Docker v2 schema 2) or image index (OCI index or Docker manifest list).
/// For a manifest, <see cref="Config"/> and <see cref="Layers"/> are set; for an index, <see cref="Manifests"/>.
/// </summary>
public sealed record OciManifest(string MediaType, IReadOnlyList<OciDescriptor> Manifests, OciDescriptor? Config, IReadOnlyList<OciDescriptor> Layers)
{
    /// <summary>The subject (OCI 1.1 referrers), when present.</summary>
    public OciDescriptor? Subject { get; init; }

    /// <summary>The artifact type, when present.</summary>
    public string? ArtifactType { get; init; }

    /// <summary>Top-level annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether this is an index or manifest list.</summary>
    public bool IsIndex => OciMediaTypes.IsIndex(MediaType);

    /// <summary>
    /// Parses manifest bytes; <paramref name="mediaType"/> is what the transport said (may be null or generic), the
    /// document's own <c>mediaType</c> wins when present. Throws <see cref="OciException"/> (<see cref="OciErrorKind.Protocol"/>) when malformed.
    /// </summary>
    public static OciManifest Parse(ReadOnlySpan<byte> bytes, string? mediaType, string where)
    {
        JsonDocument document;
        try
        {
            IO.Utf8Json.EnsureValid(bytes);
            document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new OciException(OciErrorKind.Protocol, $"{where}: manifest is not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new OciException(OciErrorKind.Protocol, $"{where}: manifest is not a JSON object");
            }

            if (!root.TryGetProperty("schemaVersion", out var sv) || sv.ValueKind != JsonValueKind.Number || sv.GetInt32() != 2)
            {
                throw new OciException(OciErrorKind.Protocol, $"{where}: only schemaVersion 2 manifests are supported");
            }

            var declared = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString() : null;
            var type = declared ?? (OciMediaTypes.IsIndex(mediaType) || OciMediaTypes.IsManifest(mediaType) ? mediaType : null);
            if (type is null)
            {
                type = root.TryGetProperty("manifests", out _) ? OciMediaTypes.ImageIndex : OciMediaTypes.ImageManifest;
            }

            var manifests = ReadList(root, "manifests", where);
            var layers = ReadList(root, "layers", where);
            OciDescriptor? config = null;
            if (root.TryGetProperty("config", out var c))
            {
                config = OciDescriptor.FromJson(c, $"{where} config");
            }

            if (!OciMediaTypes.IsIndex(type) && config is null)
            {
                throw new OciException(OciErrorKind.Protocol, $"{where}: image manifest has no config descriptor");
            }

            var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in a.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    annotations[property.Name] = property.Value.GetString()!;
                }
            }

            return new OciManifest(type, manifests, config, layers)
            {
                Subject = root.TryGetProperty("subject", out var s) ? OciDescriptor.FromJson(s, $"{where} subject") : null,
                ArtifactType = root.TryGetProperty("artifactType", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null,
                Annotations = annotations,
            };
        }
    }

    /// <summary>The index entry for <paramref name="platform"/>, or null.</summary>
    public OciDescriptor? SelectPlatform(OciPlatform platform)
        => Manifests.FirstOrDefault(m => m.Platform is not null && platform.Matches(m.Platform));

    private static List<OciDescriptor> ReadList(JsonElement root, string name, string where)
    {
        var list = new List<OciDescriptor>();
        if (root.TryGetProperty(name, out var array))
        {
            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new OciException(OciErrorKind.Protocol, $"{where}: '{name}' is not an array");
            }

            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                list.Add(OciDescriptor.FromJson(item, $"{where} {name}[{i++}]"));
            }
        }

        return list;
    }
}
