using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipelineGuard.Signing;

/// <summary>One signature as stored beside an image: a <c>.sig</c> manifest layer (blob, mediaType, annotations).</summary>
/// <param name="MediaType">The layer media type.</param>
/// <param name="Payload">The layer blob: the exact signed payload bytes.</param>
/// <param name="Annotations">The layer annotations (the base64 signature among them).</param>
public sealed record SignatureLayer(string MediaType, byte[] Payload, IReadOnlyDictionary<string, string> Annotations);

/// <summary>What a signature must satisfy beyond the key: the identity policy and the <c>-a k=v</c> annotations.</summary>
public sealed record SignatureRequirements(IdentityPolicy Identity, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>Key only: no identity, no annotations.</summary>
    public static SignatureRequirements KeyOnly { get; } = new(IdentityPolicy.None, new Dictionary<string, string>());
}

/// <summary>The outcome for one layer.</summary>
public sealed record LayerVerification(int Index, VerificationResult Status, SimpleSigningPayload? Payload, byte[] PayloadBytes);

/// <summary>The outcome for one image: valid when at least one signature verified.</summary>
/// <param name="ImageDigest">The image digest (from the manifest bytes), or null without a manifest.</param>
/// <param name="Layers">Every layer's result.</param>
/// <param name="Status">The overall result, with the reason of the last rejection when none verified.</param>
public sealed record ImageSignatureVerification(string? ImageDigest, IReadOnlyList<LayerVerification> Layers, VerificationResult Status)
{
    /// <summary>Whether at least one signature verified.</summary>
    public bool IsValid => Status.IsValid;

    /// <summary>The payloads that verified.</summary>
    public IEnumerable<SimpleSigningPayload> VerifiedPayloads => Layers.Where(l => l.Status.IsValid).Select(l => l.Payload!);
}

/// <summary>
/// Verifies cosign simple-signing signatures of an image: signature over the payload with a key, payload digest equal to
/// the manifest's SHA-256, identity policy, and required annotations. Works on bytes, so registry, OCI layout and
/// containers/image signature files all feed it.
/// </summary>
public static class CosignSignatureVerifier
{
    /// <summary>The digest of manifest bytes, <c>sha256:...</c>.</summary>
    public static string ManifestDigest(ReadOnlySpan<byte> manifest) => "sha256:" + Convert.ToHexString(SHA256.HashData(manifest)).ToLowerInvariant();

    /// <summary>Verifies every layer against every key; the image passes when one layer passes with one key.</summary>
    public static ImageSignatureVerification Verify(byte[]? manifest, IReadOnlyList<SignatureLayer> layers, IReadOnlyList<IVerifier> keys, SignatureRequirements requirements)
    {
        if (manifest is null)
        {
            return new(null, [], VerificationResult.Reject(VerificationFailure.ManifestMissing, "there is no image manifest to compare the signatures with"));
        }

        return VerifyDigest(ManifestDigest(manifest), layers, keys, requirements);
    }

    /// <summary>As <see cref="Verify"/>, for an image whose digest is already known (resolved from a registry, which checks the bytes).</summary>
    public static ImageSignatureVerification VerifyDigest(string imageDigest, IReadOnlyList<SignatureLayer> layers, IReadOnlyList<IVerifier> keys, SignatureRequirements requirements)
    {
        if (layers.Count == 0)
        {
            return new(imageDigest, [], VerificationResult.Reject(VerificationFailure.NoSignatures, $"no signatures found for {imageDigest}"));
        }

        var results = new List<LayerVerification>();
        for (var i = 0; i < layers.Count; i++)
        {
            LayerVerification? best = null;
            foreach (var key in keys)
            {
                var (payload, layerStatus) = VerifyLayer(layers[i], imageDigest, key, requirements);
                best = new LayerVerification(i, layerStatus, payload, layers[i].Payload);
                if (layerStatus.IsValid)
                {
                    break;
                }
            }

            results.Add(best ?? new LayerVerification(i, VerificationResult.Reject(VerificationFailure.UnsupportedKey, "no key given"), null, layers[i].Payload));
        }

        var valid = results.FirstOrDefault(r => r.Status.IsValid);
        var status = valid is not null
            ? VerificationResult.Valid($"{results.Count(r => r.Status.IsValid)} of {results.Count} signatures of {imageDigest} verified")
            : VerificationResult.Reject(results[^1].Status.Failure, $"no valid signature for {imageDigest}: {string.Join("; ", results.Select(r => $"signature {r.Index + 1}: {r.Status.Message}"))}");
        return new(imageDigest, results, status);
    }

    /// <summary>Verifies one layer with one key.</summary>
    public static (SimpleSigningPayload? Payload, VerificationResult Status) VerifyLayer(SignatureLayer layer, string imageDigest, IVerifier key, SignatureRequirements requirements)
    {
        static (SimpleSigningPayload?, VerificationResult) Fail(VerificationFailure failure, string message) => (null, VerificationResult.Reject(failure, message));

        if (layer.MediaType != SimpleSigningPayload.MediaType)
        {
            return Fail(VerificationFailure.UnsupportedMediaType, $"layer media type '{layer.MediaType}' is not a cosign simple-signing signature ({SimpleSigningPayload.MediaType})");
        }

        if (!layer.Annotations.TryGetValue(SimpleSigningPayload.SignatureAnnotation, out var signatureText))
        {
            return Fail(VerificationFailure.SignatureAnnotationMissing, $"layer has no {SimpleSigningPayload.SignatureAnnotation} annotation");
        }

        if (!StrictBase64.TryDecode(signatureText, out var signature))
        {
            return Fail(VerificationFailure.InvalidBase64, $"the {SimpleSigningPayload.SignatureAnnotation} annotation is not valid base64 (truncated or garbage)");
        }

        var verified = key.Verify(layer.Payload, signature);
        if (!verified.IsValid)
        {
            return (null, verified);
        }

        var payload = SimpleSigningPayload.Parse(layer.Payload);
        if (!payload.Succeeded)
        {
            return Fail(VerificationFailure.MalformedPayload, payload.Error);
        }

        var value = payload.Value;
        if (!string.Equals(value.ManifestDigest, imageDigest, StringComparison.Ordinal))
        {
            return Fail(VerificationFailure.DigestMismatch, $"the signature is for {value.ManifestDigest}, not for the image {imageDigest}");
        }

        var identity = requirements.Identity.Check(value.DockerReference);
        if (!identity.IsValid)
        {
            return (null, identity);
        }

        foreach (var (name, wanted) in requirements.Annotations)
        {
            if (!value.Optional.TryGetValue(name, out var actual) || actual is null)
            {
                return Fail(VerificationFailure.AnnotationMissing, $"the signed payload has no annotation '{name}' (wanted '{wanted}')");
            }

            // As cosign compares them: a -a value is a string, and it matches only a string annotation with the same
            // text; the number 1, true or an object never match "1", "true" or their JSON text.
            if (actual is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                return Fail(VerificationFailure.AnnotationMismatch, $"annotation '{name}' is the {Kind(actual)} {actual.ToJsonString()}, not the string '{wanted}'");
            }

            var text = v.GetValue<string>();
            if (text != wanted)
            {
                return Fail(VerificationFailure.AnnotationMismatch, $"annotation '{name}' is '{text}', wanted '{wanted}'");
            }
        }

        return (value, VerificationResult.Valid($"signature for {imageDigest} verified with key {key.KeyHint}"));
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "value",
    };
}
