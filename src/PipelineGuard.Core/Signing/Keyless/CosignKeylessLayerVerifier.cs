using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace PipelineGuard.Signing.Keyless;

/// <summary>
/// Verifies cosign's legacy keyless <c>.sig</c> layers: the Fulcio certificate in <c>dev.sigstore.cosign/certificate</c>
/// (the <c>/chain</c> annotation is informational; trust comes from the trusted root only) and the Rekor SET in
/// <c>dev.sigstore.cosign/bundle</c>, then the simple-signing payload as for a key.
/// </summary>
public static class CosignKeylessLayerVerifier
{
    /// <summary>The layer annotation holding the signing certificate (PEM).</summary>
    public const string CertificateAnnotation = "dev.sigstore.cosign/certificate";

    /// <summary>The layer annotation holding the certificate chain (PEM).</summary>
    public const string ChainAnnotation = "dev.sigstore.cosign/chain";

    /// <summary>The layer annotation holding the Rekor bundle (<c>SignedEntryTimestamp</c> and <c>Payload</c>).</summary>
    public const string BundleAnnotation = "dev.sigstore.cosign/bundle";

    /// <summary>Verifies one layer keyless against <paramref name="options"/>, then its payload against the image and the requirements.</summary>
    public static (SimpleSigningPayload? Payload, KeylessVerification Result) VerifyLayer(SignatureLayer layer, string imageDigest, KeylessVerificationOptions options, SignatureRequirements requirements)
    {
        static (SimpleSigningPayload?, KeylessVerification) Fail(VerificationFailure failure, string message) =>
            (null, new KeylessVerification(VerificationResult.Reject(failure, message), null, [], [], null));

        if (!layer.Annotations.TryGetValue(CertificateAnnotation, out var certificatePem))
        {
            return Fail(VerificationFailure.KeyMaterialMismatch, $"the signature layer has no {CertificateAnnotation} annotation: it was signed with a key, not keyless");
        }

        var certificates = DerCertificate.PemBlocks(certificatePem);
        if (certificates.Count == 0)
        {
            return Fail(VerificationFailure.MalformedBundle, $"the {CertificateAnnotation} annotation holds no PEM certificate");
        }

        if (!layer.Annotations.TryGetValue(SimpleSigningPayload.SignatureAnnotation, out var signatureText) || !StrictBase64.TryDecode(signatureText, out var signature))
        {
            return Fail(VerificationFailure.SignatureAnnotationMissing, $"the layer has no valid base64 {SimpleSigningPayload.SignatureAnnotation} annotation");
        }

        var entries = new List<TransparencyLogEntry>();
        if (layer.Annotations.TryGetValue(BundleAnnotation, out var rekorBundle))
        {
            var (entry, error) = ReadRekorBundle(rekorBundle);
            if (entry is null)
            {
                return Fail(VerificationFailure.MalformedBundle, $"the {BundleAnnotation} annotation: {error}");
            }

            entries.Add(entry);
        }

        var content = new SigstoreBundle(SigstoreBundle.MediaTypeV03, null, new MessageSignature(SHA256.HashData(layer.Payload), signature), null);
        var bundle = new SigstoreEvidenceBundle(content, certificates, entries, []);
        var keyless = KeylessVerifier.Verify(bundle, layer.Payload, options);
        if (!keyless.IsValid)
        {
            return (null, keyless);
        }

        // The signature verified with the certificate's key; the payload checks are those of a key-based layer.
        var key = PublicKeyReader.FromSubjectPublicKeyInfo(DerCertificate.SubjectPublicKeyInfo(certificates[0]));
        var (payload, status) = CosignSignatureVerifier.VerifyLayer(layer, imageDigest, key.Value!, requirements);
        return payload is null
            ? (null, keyless with { Status = status })
            : (payload, keyless with { Status = VerificationResult.Valid($"signature for {imageDigest} {keyless.Status.Message}") });
    }

    /// <summary>Whether a layer carries cosign's keyless certificate annotation (it was signed keyless, not with a key).</summary>
    public static bool IsKeyless(IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        return annotations.ContainsKey(CertificateAnnotation);
    }

    /// <summary>
    /// Verifies one keyless <c>.att</c> layer (a DSSE envelope whose certificate and Rekor entry are in the layer
    /// annotations) against <paramref name="options"/>, then its in-toto statement: a subject with
    /// <paramref name="subjectSha256Hex"/> and, when given, the predicate type.
    /// </summary>
    public static (InTotoStatement? Statement, KeylessVerification Result) VerifyAttestationLayer(
        SignatureLayer layer, string subjectSha256Hex, string? predicateType, KeylessVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(options);
        static (InTotoStatement?, KeylessVerification) Fail(VerificationFailure failure, string message) =>
            (null, new KeylessVerification(VerificationResult.Reject(failure, message), null, [], [], null));

        if (layer.MediaType != Dsse.EnvelopeMediaType)
        {
            return Fail(VerificationFailure.UnsupportedMediaType, $"layer media type '{layer.MediaType}' is not a DSSE envelope ({Dsse.EnvelopeMediaType})");
        }

        if (!layer.Annotations.TryGetValue(CertificateAnnotation, out var certificatePem))
        {
            return Fail(VerificationFailure.KeyMaterialMismatch, $"the attestation layer has no {CertificateAnnotation} annotation: it was signed with a key, not keyless");
        }

        var certificates = DerCertificate.PemBlocks(certificatePem);
        if (certificates.Count == 0)
        {
            return Fail(VerificationFailure.MalformedBundle, $"the {CertificateAnnotation} annotation holds no PEM certificate");
        }

        var (envelope, parsed) = Dsse.Parse(layer.Payload);
        if (envelope is null)
        {
            return Fail(parsed.Failure, parsed.Message);
        }

        if (envelope.Signatures.Count != 1)
        {
            return Fail(VerificationFailure.MalformedBundle, $"a keyless attestation envelope must hold exactly one signature (the certificate's), not {envelope.Signatures.Count}");
        }

        var entries = new List<TransparencyLogEntry>();
        if (layer.Annotations.TryGetValue(BundleAnnotation, out var rekorBundle))
        {
            var (entry, error) = ReadRekorBundle(rekorBundle);
            if (entry is null)
            {
                return Fail(VerificationFailure.MalformedBundle, $"the {BundleAnnotation} annotation: {error}");
            }

            entries.Add(entry);
        }

        var content = new SigstoreBundle(SigstoreBundle.MediaTypeV03, null, null, envelope);
        var keyless = KeylessVerifier.Verify(new SigstoreEvidenceBundle(content, certificates, entries, []), null, options);
        if (!keyless.IsValid)
        {
            return (null, keyless);
        }

        var (statement, status) = BundleVerifier.CheckStatement(envelope.Payload, predicateType, subjectSha256Hex);
        return statement is null
            ? (null, keyless with { Status = status })
            : (statement, keyless with { Status = VerificationResult.Valid($"{status.Message}, {keyless.Status.Message}") });
    }

    private static (TransparencyLogEntry? Entry, string? Error) ReadRekorBundle(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("SignedEntryTimestamp", out var set) || set.ValueKind != JsonValueKind.String || !StrictBase64.TryDecode(set.GetString()!, out var setBytes))
            {
                return (null, "no base64 SignedEntryTimestamp");
            }

            if (!root.TryGetProperty("Payload", out var payload) || payload.ValueKind != JsonValueKind.Object ||
                !payload.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.String || !StrictBase64.TryDecode(body.GetString()!, out var bodyBytes) ||
                !payload.TryGetProperty("integratedTime", out var time) || !time.TryGetInt64(out var integratedTime) ||
                !payload.TryGetProperty("logIndex", out var index) || !index.TryGetInt64(out var logIndex) ||
                !payload.TryGetProperty("logID", out var logId) || logId.ValueKind != JsonValueKind.String)
            {
                return (null, "Payload needs body (base64), integratedTime, logIndex and logID");
            }

            byte[] logIdBytes;
            try
            {
                logIdBytes = Convert.FromHexString(logId.GetString()!);
            }
            catch (FormatException)
            {
                return (null, "Payload.logID is not hex");
            }

            using var bodyDocument = JsonDocument.Parse(bodyBytes);
            var kind = bodyDocument.RootElement.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : string.Empty;
            var version = bodyDocument.RootElement.TryGetProperty("apiVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
            return (new TransparencyLogEntry(logIndex, logIdBytes, kind, version, integratedTime, setBytes, null, bodyBytes), null);
        }
        catch (JsonException e)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"not JSON: {e.Message}"));
        }
    }
}
