using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipelineGuard.Oci;

/// <summary>An OCI content descriptor: media type, digest, size, and optional platform, artifact type and annotations.</summary>
public sealed record OciDescriptor(string MediaType, Digest Digest, long Size)
{
    /// <summary>The platform of an index entry.</summary>
    public OciPlatform? Platform { get; init; }

    /// <summary>The artifact type (referrers).</summary>
    public string? ArtifactType { get; init; }

    /// <summary>Annotations, in their order.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads a descriptor object; throws <see cref="OciException"/> (<see cref="OciErrorKind.Protocol"/>) when malformed.</summary>
    public static OciDescriptor FromJson(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new OciException(OciErrorKind.Protocol, $"{where}: descriptor is not an object");
        }

        var mediaType = element.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString()! : string.Empty;
        if (!element.TryGetProperty("digest", out var d) || d.ValueKind != JsonValueKind.String || !Digest.TryParse(d.GetString(), out var digest, out var error))
        {
            throw new OciException(OciErrorKind.Protocol, $"{where}: descriptor has no valid digest");
        }

        if (!element.TryGetProperty("size", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out var size) || size < 0)
        {
            throw new OciException(OciErrorKind.Protocol, $"{where}: descriptor {digest} has no valid size");
        }

        OciPlatform? platform = null;
        if (element.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            platform = new OciPlatform(
                p.TryGetProperty("os", out var os) ? os.GetString() ?? string.Empty : string.Empty,
                p.TryGetProperty("architecture", out var arch) ? arch.GetString() ?? string.Empty : string.Empty,
                p.TryGetProperty("variant", out var variant) ? variant.GetString() : null);
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in a.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    annotations[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return new OciDescriptor(mediaType, digest, size)
        {
            Platform = platform,
            ArtifactType = element.TryGetProperty("artifactType", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null,
            Annotations = annotations,
        };
    }

    /// <summary>The descriptor as JSON (mediaType, digest, size, then the optional fields).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["mediaType"] = MediaType, ["digest"] = Digest.ToString(), ["size"] = Size };
        if (ArtifactType is not null)
        {
            json["artifactType"] = ArtifactType;
        }

        if (Platform is not null)
        {
            var platform = new JsonObject { ["architecture"] = Platform.Architecture, ["os"] = Platform.Os };
            if (Platform.Variant is not null)
            {
                platform["variant"] = Platform.Variant;
            }

            json["platform"] = platform;
        }

        if (Annotations.Count > 0)
        {
            json["annotations"] = new JsonObject(Annotations.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }

        return json;
    }
}
