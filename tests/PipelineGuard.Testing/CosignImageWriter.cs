using System.Text.Json.Nodes;
using PipelineGuard.Oci;
using PipelineGuard.Signing;

namespace PipelineGuard.Testing;

/// <summary>
/// Signs and attests test and sample images through Core's <see cref="ImageSigner"/>, so the project has one
/// implementation of cosign's <c>sha256-HEX.sig</c>/<c>.att</c> layout. A fixture that cannot be signed is a broken
/// test, so failures throw.
/// </summary>
public static class CosignImageWriter
{
    /// <summary>Plain HTTP registry settings for the loopback test registry.</summary>
    public static RegistryClientOptions LoopbackRegistry { get; } = new() { AllowHttp = true };

    /// <summary>Signs <paramref name="image"/> (a registry reference or <c>oci:DIR[:TAG]</c>) with <paramref name="signer"/>.</summary>
    /// <param name="image">The image.</param>
    /// <param name="signer">The key.</param>
    /// <param name="identity">The docker-reference signed, or null for the image's repository.</param>
    /// <param name="registry">Registry settings, or null for <see cref="LoopbackRegistry"/>.</param>
    public static async Task SignAsync(string image, ISigner signer, string? identity = null, RegistryClientOptions? registry = null)
    {
        var options = new SignImageOptions(image, KeyPath: string.Empty) { Identity = identity, Registry = registry ?? LoopbackRegistry };
        (await ImageSigner.SignAsync(options, signer)).GetValueOrThrow();
    }

    /// <summary>Attests <paramref name="image"/> with an in-toto statement of <paramref name="predicateType"/>, in a DSSE envelope signed by <paramref name="signer"/>.</summary>
    /// <param name="image">The image.</param>
    /// <param name="predicateType">The predicate type URI.</param>
    /// <param name="predicate">The predicate.</param>
    /// <param name="signer">The key.</param>
    /// <param name="identity">The subject name, or null for the image's repository.</param>
    /// <param name="registry">Registry settings, or null for <see cref="LoopbackRegistry"/>.</param>
    public static async Task AttestAsync(string image, string predicateType, JsonNode predicate, ISigner signer, string? identity = null, RegistryClientOptions? registry = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var predicatePath = Path.Combine(RepositoryPaths.NewTempDirectory("predicate"), "predicate.json");
        await File.WriteAllTextAsync(predicatePath, predicate.ToJsonString());
        var options = new AttestImageOptions(image, KeyPath: string.Empty, predicatePath, predicateType) { Identity = identity, Registry = registry ?? LoopbackRegistry };
        (await ImageSigner.AttestAsync(options, signer)).GetValueOrThrow();
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
}
