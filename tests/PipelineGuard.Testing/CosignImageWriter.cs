using System.Text;
using System.Text.Json.Nodes;
using PipelineGuard.Oci;
using PipelineGuard.Signing;

namespace PipelineGuard.Testing;

/// <summary>
/// Stores cosign-compatible signatures and attestations beside an image, as cosign does: a simple-signing payload
/// layer under <c>sha256-HEX.sig</c>, a DSSE envelope layer under <c>sha256-HEX.att</c>. For building test and sample images.
/// </summary>
public static class CosignImageWriter
{
    private const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";

    /// <summary>Adds a signature of <paramref name="digest"/> for <paramref name="dockerReference"/> made with <paramref name="signer"/>.</summary>
    public static async Task SignAsync(IImageStore store, string repository, Digest digest, string dockerReference, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var payload = new SimpleSigningPayload(dockerReference, digest.ToString(), new Dictionary<string, JsonNode?>()).ToJson();
        var signature = await signer.SignAsync(payload);
        await AppendLayerAsync(store, repository, digest.ToTagSchema() + ".sig", SimpleSigningPayload.MediaType, payload, new JsonObject
        {
            [SimpleSigningPayload.SignatureAnnotation] = Convert.ToBase64String(signature),
        });
    }

    /// <summary>Adds an in-toto attestation of <paramref name="predicateType"/> about <paramref name="digest"/>, in a DSSE envelope signed by <paramref name="signer"/>.</summary>
    public static async Task AttestAsync(IImageStore store, string repository, Digest digest, string name, string predicateType, JsonNode predicate, ISigner signer)
    {
        var statement = new InTotoStatement([new InTotoSubject(name, new Dictionary<string, string> { [digest.Algorithm] = digest.Hex })], predicateType, predicate).ToJson();
        var envelope = await Dsse.SignAsync(signer, Dsse.InTotoPayloadType, statement);
        await AppendLayerAsync(store, repository, digest.ToTagSchema() + ".att", Dsse.EnvelopeMediaType, Dsse.Serialize(envelope), new JsonObject { ["predicateType"] = predicateType });
    }

    /// <summary>A SLSA provenance v1 predicate naming <paramref name="builderId"/> and <paramref name="source"/>.</summary>
    public static JsonObject SlsaProvenance(string builderId, string source) => new()
    {
        ["buildDefinition"] = new JsonObject
        {
            ["buildType"] = "https://pipelineguard.test/container-build@v1",
            ["externalParameters"] = new JsonObject { ["source"] = source },
            ["resolvedDependencies"] = new JsonArray(new JsonObject { ["uri"] = source }),
        },
        ["runDetails"] = new JsonObject { ["builder"] = new JsonObject { ["id"] = builderId } },
    };

    private static async Task AppendLayerAsync(IImageStore store, string repository, string tag, string mediaType, byte[] blob, JsonObject annotations)
    {
        var layers = new JsonArray();
        try
        {
            var existing = await store.GetManifestAsync(repository, tag);
            var parsed = JsonNode.Parse(existing.Bytes)!;
            foreach (var layer in parsed["layers"]!.AsArray())
            {
                layers.Add(layer!.DeepClone());
            }
        }
        catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
        {
        }

        var blobDigest = Digest.Compute(blob);
        await store.PutBlobAsync(repository, blobDigest, new MemoryStream(blob), blob.Length);
        layers.Add(new JsonObject { ["mediaType"] = mediaType, ["digest"] = blobDigest.ToString(), ["size"] = blob.Length, ["annotations"] = annotations });

        var diffIds = new JsonArray(layers.Select(l => (JsonNode?)l!["digest"]!.GetValue<string>()).ToArray());
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = string.Empty,
            ["os"] = string.Empty,
            ["config"] = new JsonObject(),
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        }.ToJsonString());
        var configDigest = Digest.Compute(config);
        await store.PutBlobAsync(repository, configDigest, new MemoryStream(config), config.Length);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = ConfigMediaType, ["digest"] = configDigest.ToString(), ["size"] = config.Length },
            ["layers"] = layers,
        };
        await store.PutManifestAsync(repository, tag, Encoding.UTF8.GetBytes(manifest.ToJsonString()), "application/vnd.oci.image.manifest.v1+json");
    }
}
