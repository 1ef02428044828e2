using System.Text.Json;

namespace PipelineGuard.Signing;

/// <summary>Reads Sigstore bundles signed with a public key; every refusal names its reason.</summary>
public static class BundleReader
{
    /// <summary>Parses bundle JSON.</summary>
    public static (SigstoreBundle? Bundle, VerificationResult Status) Read(ReadOnlySpan<byte> json)
    {
        static (SigstoreBundle?, VerificationResult) Fail(VerificationFailure failure, string message) => (null, VerificationResult.Reject(failure, message));

        JsonDocument document;
        try
        {
            IO.Utf8Json.EnsureValid(json);
            IO.Utf8Json.EnsureNoDuplicateProperties(json);
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            return Fail(VerificationFailure.MalformedBundle, $"the bundle is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(VerificationFailure.MalformedBundle, "the bundle is not a JSON object");
            }

            var mediaType = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString()! : null;
            if (mediaType is null || !SigstoreBundle.ReadableMediaTypes.Contains(mediaType))
            {
                return Fail(VerificationFailure.BundleMediaType, $"bundle mediaType '{mediaType}' is not a Sigstore bundle v0.1-v0.3 ({SigstoreBundle.MediaTypeV03})");
            }

            string? hint = null;
            if (root.TryGetProperty("verificationMaterial", out var material) && material.ValueKind == JsonValueKind.Object)
            {
                if (material.TryGetProperty("publicKey", out var publicKey) && publicKey.ValueKind == JsonValueKind.Object &&
                    publicKey.TryGetProperty("hint", out var h) && h.ValueKind == JsonValueKind.String)
                {
                    hint = h.GetString();
                }
                else if (material.TryGetProperty("certificate", out _) || material.TryGetProperty("x509CertificateChain", out _))
                {
                    return Fail(VerificationFailure.KeyMaterialMismatch,
                        "the bundle was signed keyless (it carries a certificate), not with a key: verify it with --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp] instead of --key");
                }
            }
            else
            {
                return Fail(VerificationFailure.MalformedBundle, "the bundle has no verificationMaterial");
            }

            return ReadContent(root, mediaType, hint);
        }
    }

    /// <summary>Reads the bundle's content (messageSignature or dsseEnvelope) once the verification material is known.</summary>
    internal static (SigstoreBundle? Bundle, VerificationResult Status) ReadContent(JsonElement root, string mediaType, string? hint)
    {
        static (SigstoreBundle?, VerificationResult) Fail(VerificationFailure failure, string message) => (null, VerificationResult.Reject(failure, message));

        var hasMessage = root.TryGetProperty("messageSignature", out var message);
        var hasDsse = root.TryGetProperty("dsseEnvelope", out var dsse);
        if (hasMessage == hasDsse)
        {
            return Fail(VerificationFailure.MalformedBundle, "the bundle must hold exactly one of messageSignature and dsseEnvelope");
        }

        if (hasDsse)
        {
            var (envelope, status) = Dsse.FromElement(dsse);
            return envelope is null ? (null, status) : (new SigstoreBundle(mediaType, hint, null, envelope), VerificationResult.Valid("bundle read"));
        }

        if (message.ValueKind != JsonValueKind.Object ||
            !message.TryGetProperty("signature", out var signatureText) || signatureText.ValueKind != JsonValueKind.String)
        {
            return Fail(VerificationFailure.MalformedBundle, "messageSignature has no string 'signature'");
        }

        if (!StrictBase64.TryDecode(signatureText.GetString()!, out var signature))
        {
            return Fail(VerificationFailure.InvalidBase64, "messageSignature.signature is not valid base64 (truncated or garbage)");
        }

        if (!message.TryGetProperty("messageDigest", out var digestObject) || digestObject.ValueKind != JsonValueKind.Object ||
            !digestObject.TryGetProperty("algorithm", out var algorithm) || algorithm.ValueKind != JsonValueKind.String ||
            !digestObject.TryGetProperty("digest", out var digestText) || digestText.ValueKind != JsonValueKind.String)
        {
            return Fail(VerificationFailure.MalformedBundle, "messageSignature has no messageDigest with 'algorithm' and 'digest'");
        }

        if (MessageDigestAlgorithm.FromName(algorithm.GetString()) is not { } digestAlgorithm)
        {
            return Fail(VerificationFailure.MalformedBundle, $"messageDigest algorithm '{algorithm.GetString()}' is not supported ({string.Join(", ", MessageDigestAlgorithm.All.Select(a => a.Name))})");
        }

        if (!StrictBase64.TryDecode(digestText.GetString()!, out var digest) || digest.Length != digestAlgorithm.Length)
        {
            return Fail(VerificationFailure.InvalidBase64, $"messageDigest.digest is not {digestAlgorithm.Length} bytes of base64, as {digestAlgorithm.Name} gives");
        }

        return (new SigstoreBundle(mediaType, hint, new MessageSignature(digest, signature) { Algorithm = digestAlgorithm }, null), VerificationResult.Valid("bundle read"));
    }
}
