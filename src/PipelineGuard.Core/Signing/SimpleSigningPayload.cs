using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipelineGuard.Signing;

/// <summary>
/// cosign's simple-signing payload: <c>{"critical":{"identity":{"docker-reference"},"image":{"docker-manifest-digest"},
/// "type":"cosign container image signature"},"optional":...}</c>. The signature covers these exact bytes.
/// </summary>
/// <param name="DockerReference">The signed identity (cosign writes the repository without tag).</param>
/// <param name="ManifestDigest">The image manifest digest, <c>sha256:...</c>.</param>
/// <param name="Optional">The <c>optional</c> map (annotations given with <c>-a</c>, creator, timestamp); empty when null.</param>
public sealed record SimpleSigningPayload(string DockerReference, string ManifestDigest, IReadOnlyDictionary<string, JsonNode?> Optional)
{
    /// <summary>The layer media type of a cosign signature.</summary>
    public const string MediaType = "application/vnd.dev.cosign.simplesigning.v1+json";

    /// <summary>The layer annotation holding the base64 signature.</summary>
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";

    /// <summary>The <c>critical.type</c> value.</summary>
    public const string SignatureType = "cosign container image signature";

    /// <summary>The payload bytes as cosign writes them (compact JSON; <c>"optional":null</c> without annotations).</summary>
    public byte[] ToJson()
    {
        JsonNode? optional = null;
        if (Optional.Count > 0)
        {
            var map = new JsonObject();
            foreach (var (key, value) in Optional.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                map[key] = value?.DeepClone();
            }

            optional = map;
        }

        var payload = new JsonObject
        {
            ["critical"] = new JsonObject
            {
                ["identity"] = new JsonObject { ["docker-reference"] = DockerReference },
                ["image"] = new JsonObject { ["docker-manifest-digest"] = ManifestDigest },
                ["type"] = SignatureType,
            },
            ["optional"] = optional,
        };
        return JsonOutput.ToUtf8Bytes(payload);
    }

    /// <summary>Reads a payload; the failure says which field is wrong.</summary>
    public static SigningResult<SimpleSigningPayload> Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? root;
        try
        {
            IO.Utf8Json.EnsureValid(json);
            IO.Utf8Json.EnsureNoDuplicateProperties(json);
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            return SigningResult<SimpleSigningPayload>.Failure($"the signed payload is not JSON: {e.Message}");
        }

        if (root?["critical"] is not JsonObject critical)
        {
            return SigningResult<SimpleSigningPayload>.Failure("the signed payload has no 'critical' object");
        }

        var type = AsString(critical["type"]);
        if (type != SignatureType)
        {
            return SigningResult<SimpleSigningPayload>.Failure($"critical.type is '{type}', expected '{SignatureType}'");
        }

        var digest = AsString(critical["image"]?["docker-manifest-digest"]);
        if (string.IsNullOrEmpty(digest))
        {
            return SigningResult<SimpleSigningPayload>.Failure("the signed payload has no critical.image.docker-manifest-digest");
        }

        var reference = AsString(critical["identity"]?["docker-reference"]) ?? string.Empty;
        var optional = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        switch (root["optional"])
        {
            case null:
                break;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    optional[key] = value?.DeepClone();
                }

                break;
            default:
                return SigningResult<SimpleSigningPayload>.Failure("the signed payload's 'optional' is neither an object nor null");
        }

        return SigningResult<SimpleSigningPayload>.Success(new SimpleSigningPayload(reference, digest, optional));
    }

    private static string? AsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
