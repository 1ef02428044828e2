using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PipelineGuard.Signing.Keyless;

/// <summary>Checks that a log entry's body records exactly this bundle: its signature, digest or payload, and signer.</summary>
public static class TransparencyLogBody
{
    /// <summary>
    /// Valid when the body of <paramref name="entry"/> names <paramref name="bundle"/>'s signature, the artifact digest (or DSSE payload)
    /// and the signer: <paramref name="certificate"/> (DER) for keyless, or <paramref name="publicKey"/> (DER SubjectPublicKeyInfo) for a key.
    /// </summary>
    public static VerificationResult Verify(TransparencyLogEntry entry, SigstoreBundle bundle, byte[]? certificate, byte[]? publicKey)
    {
        try
        {
            using var document = JsonDocument.Parse(entry.CanonicalizedBody, new JsonDocumentOptions { MaxDepth = 32 });
            var body = document.RootElement;
            var kind = Text(body, "kind");
            var apiVersion = Text(body, "apiVersion");
            if (kind != entry.Kind || apiVersion != entry.Version)
            {
                return Mismatch(entry, $"the body is {kind}/{apiVersion} but the entry says {entry.Kind}/{entry.Version}");
            }

            var spec = Member(body, "spec");
            return (kind, apiVersion) switch
            {
                ("hashedrekord", "0.0.1") => HashedRekordV1(entry, spec, bundle, certificate, publicKey),
                ("hashedrekord", "0.0.2") => HashedRekordV2(entry, Member(spec, "hashedRekordV002"), bundle, certificate, publicKey),
                ("dsse", "0.0.1") => DsseV1(entry, spec, bundle, certificate, publicKey),
                ("dsse", "0.0.2") => DsseV2(entry, Member(spec, "dsseV002"), bundle, certificate, publicKey),
                ("intoto", "0.0.2") => InTotoV2(entry, Member(spec, "content"), bundle, certificate, publicKey),
                _ => Mismatch(entry, $"log entry kind {kind}/{apiVersion} is not supported (hashedrekord 0.0.1/0.0.2, dsse 0.0.1/0.0.2, intoto 0.0.2)"),
            };
        }
        catch (JsonException e)
        {
            return Mismatch(entry, $"the body is not JSON: {e.Message}");
        }
        catch (BodyShapeException e)
        {
            return Mismatch(entry, e.Message);
        }
    }

    private static VerificationResult HashedRekordV1(TransparencyLogEntry entry, JsonElement spec, SigstoreBundle bundle, byte[]? certificate, byte[]? publicKey)
    {
        if (bundle.MessageSignature is not { } message)
        {
            return Mismatch(entry, "a hashedrekord 0.0.1 entry records a message signature, but the bundle holds a DSSE envelope");
        }

        var signature = Member(spec, "signature");
        if (!Decode(Text(signature, "content")).AsSpan().SequenceEqual(message.Signature))
        {
            return Mismatch(entry, "the logged signature is not the bundle's signature");
        }

        var signer = SignerMatches(Encoding.UTF8.GetString(Decode(Text(Member(signature, "publicKey"), "content"))), certificate, publicKey);
        if (signer is not null)
        {
            return Mismatch(entry, signer);
        }

        var hash = Member(Member(spec, "data"), "hash");
        if (Text(hash, "algorithm") != message.Algorithm.RekorName || !string.Equals(Text(hash, "value"), Convert.ToHexString(message.Digest), StringComparison.OrdinalIgnoreCase))
        {
            return Mismatch(entry, $"the logged digest {Text(hash, "algorithm")}:{Text(hash, "value")} is not the bundle's {message.Algorithm.Display(message.Digest)}");
        }

        return Matched(entry);
    }

    private static VerificationResult HashedRekordV2(TransparencyLogEntry entry, JsonElement spec, SigstoreBundle bundle, byte[]? certificate, byte[]? publicKey)
    {
        byte[] digest;
        byte[] signed;
        var algorithm = MessageDigestAlgorithm.Sha256;
        if (bundle.MessageSignature is { } message)
        {
            digest = message.Digest;
            algorithm = message.Algorithm;
            signed = message.Signature;
        }
        else
        {
            var envelope = bundle.DsseEnvelope!;
            if (envelope.Signatures.Count != 1)
            {
                return Mismatch(entry, "a hashedrekord entry records one signature, but the DSSE envelope has several");
            }

            digest = SHA256.HashData(Dsse.PreAuthenticationEncoding(envelope.PayloadType, envelope.Payload));
            signed = envelope.Signatures[0].Signature;
        }

        var data = Member(spec, "data");
        if (Text(data, "algorithm") != algorithm.Name || !Decode(Text(data, "digest")).AsSpan().SequenceEqual(digest))
        {
            return Mismatch(entry, $"the logged digest is not the {(bundle.MessageSignature is null ? "DSSE envelope's" : "bundle's")} {algorithm.Display(digest)}");
        }

        var signature = Member(spec, "signature");
        if (!Decode(Text(signature, "content")).AsSpan().SequenceEqual(signed))
        {
            return Mismatch(entry, "the logged signature is not the bundle's signature");
        }

        var problem = VerifierMatches(Member(signature, "verifier"), certificate, publicKey);
        return problem is null ? Matched(entry) : Mismatch(entry, problem);
    }

    private static VerificationResult DsseV1(TransparencyLogEntry entry, JsonElement spec, SigstoreBundle bundle, byte[]? certificate, byte[]? publicKey)
    {
        if (bundle.DsseEnvelope is not { } envelope)
        {
            return Mismatch(entry, "a dsse entry records a DSSE envelope, but the bundle holds a message signature");
        }

        var payloadHash = Member(spec, "payloadHash");
        if (Text(payloadHash, "algorithm") != "sha256" || !string.Equals(Text(payloadHash, "value"), Convert.ToHexString(SHA256.HashData(envelope.Payload)), StringComparison.OrdinalIgnoreCase))
        {
            return Mismatch(entry, "the logged DSSE payload hash is not the SHA-256 of the bundle's payload");
        }

        var logged = Array(spec, "signatures");
        if (logged.Count != envelope.Signatures.Count)
        {
            return Mismatch(entry, $"the log records {logged.Count} DSSE signatures, the envelope has {envelope.Signatures.Count}");
        }

        for (var i = 0; i < logged.Count; i++)
        {
            if (!Decode(Text(logged[i], "signature")).AsSpan().SequenceEqual(envelope.Signatures[i].Signature))
            {
                return Mismatch(entry, "the logged DSSE signature is not the envelope's signature");
            }

            var signer = SignerMatches(Encoding.UTF8.GetString(Decode(Text(logged[i], "verifier"))), certificate, publicKey);
            if (signer is not null)
            {
                return Mismatch(entry, signer);
            }
        }

        return Matched(entry);
    }

    private static VerificationResult DsseV2(TransparencyLogEntry entry, JsonElement spec, SigstoreBundle bundle, byte[]? certificate, byte[]? publicKey)
    {
        if (bundle.DsseEnvelope is not { } envelope)
        {
            return Mismatch(entry, "a dsse entry records a DSSE envelope, but the bundle holds a message signature");
        }

        var payloadHash = Member(spec, "payloadHash");
        if (Text(payloadHash, "algorithm") != "SHA2_256" || !Decode(Text(payloadHash, "digest")).AsSpan().SequenceEqual(SHA256.HashData(envelope.Payload)))
        {
            return Mismatch(entry, "the logged DSSE payload hash is not the SHA-256 of the bundle's payload");
        }

        var logged = Array(spec, "signatures");
        if (logged.Count != envelope.Signatures.Count)
        {
            return Mismatch(entry, $"the log records {logged.Count} DSSE signatures, the envelope has {envelope.Signatures.Count}");
        }

        for (var i = 0; i < logged.Count; i++)
        {
            if (!Decode(Text(logged[i], "content")).AsSpan().SequenceEqual(envelope.Signatures[i].Signature))
            {
                return Mismatch(entry, "the logged DSSE signature is not the envelope's signature");
            }

            var problem = VerifierMatches(Member(logged[i], "verifier"), certificate, publicKey);
            if (problem is not null)
            {
                return Mismatch(entry, problem);
            }
        }

        return Matched(entry);
    }

    private static VerificationResult InTotoV2(TransparencyLogEntry entry, JsonElement content, SigstoreBundle bundle, byte[]? certificate, byte[]? publicKey)
    {
        if (bundle.DsseEnvelope is not { } envelope)
        {
            return Mismatch(entry, "an intoto entry records a DSSE envelope, but the bundle holds a message signature");
        }

        var payloadHash = Member(content, "payloadHash");
        if (Text(payloadHash, "algorithm") != "sha256" || !string.Equals(Text(payloadHash, "value"), Convert.ToHexString(SHA256.HashData(envelope.Payload)), StringComparison.OrdinalIgnoreCase))
        {
            return Mismatch(entry, "the logged in-toto payload hash is not the SHA-256 of the bundle's payload");
        }

        var logged = Array(Member(content, "envelope"), "signatures");
        if (logged.Count != envelope.Signatures.Count)
        {
            return Mismatch(entry, $"the log records {logged.Count} DSSE signatures, the envelope has {envelope.Signatures.Count}");
        }

        for (var i = 0; i < logged.Count; i++)
        {
            // intoto 0.0.2 stores each signature base64-encoded twice.
            var once = Encoding.ASCII.GetString(Decode(Text(logged[i], "sig")));
            if (!StrictBase64.TryDecode(once, out var signature) || !signature.AsSpan().SequenceEqual(envelope.Signatures[i].Signature))
            {
                return Mismatch(entry, "the logged in-toto signature is not the envelope's signature");
            }

            var signer = SignerMatches(Encoding.UTF8.GetString(Decode(Text(logged[i], "publicKey"))), certificate, publicKey);
            if (signer is not null)
            {
                return Mismatch(entry, signer);
            }
        }

        return Matched(entry);
    }

    // The body names the signer as PEM: a certificate for keyless, a public key otherwise.
    private static string? SignerMatches(string pem, byte[]? certificate, byte[]? publicKey)
    {
        if (!System.Security.Cryptography.PemEncoding.TryFind(pem, out var fields))
        {
            return "the logged signer is not PEM";
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], der, out _))
        {
            return "the logged signer's PEM body is not base64";
        }

        var label = pem[fields.Label];
        return label switch
        {
            "CERTIFICATE" when certificate is not null => der.AsSpan().SequenceEqual(certificate) ? null : "the logged certificate is not the bundle's signing certificate",
            "PUBLIC KEY" when publicKey is not null => der.AsSpan().SequenceEqual(publicKey) ? null : "the logged public key is not the verifying key",
            _ => $"the log records a {label.ToLowerInvariant()} as the signer, but the bundle was signed with {(certificate is null ? "a key" : "a certificate")}",
        };
    }

    private static string? VerifierMatches(JsonElement verifier, byte[]? certificate, byte[]? publicKey)
    {
        if (verifier.TryGetProperty("x509Certificate", out var x509))
        {
            return certificate is null
                ? "the log records a certificate as the signer, but the bundle was signed with a key"
                : Decode(Text(x509, "rawBytes")).AsSpan().SequenceEqual(certificate) ? null : "the logged certificate is not the bundle's signing certificate";
        }

        if (verifier.TryGetProperty("publicKey", out var key))
        {
            return publicKey is null
                ? "the log records a public key as the signer, but the bundle was signed with a certificate"
                : Decode(Text(key, "rawBytes")).AsSpan().SequenceEqual(publicKey) ? null : "the logged public key is not the verifying key";
        }

        return "the logged verifier has neither x509Certificate nor publicKey";
    }

    private static VerificationResult Matched(TransparencyLogEntry entry) =>
        VerificationResult.Valid($"log entry {entry.LogIndex} ({entry.Kind} {entry.Version}) records this signature");

    private static VerificationResult Mismatch(TransparencyLogEntry entry, string why) =>
        VerificationResult.Reject(VerificationFailure.TlogBodyMismatch, $"log entry {entry.LogIndex} ({entry.Kind} {entry.Version}) does not match the bundle: {why}");

    private static JsonElement Member(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new BodyShapeException($"the body has no object '{name}'");

    private static List<JsonElement> Array(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToList()
            : throw new BodyShapeException($"the body has no array '{name}'");

    private static string Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new BodyShapeException($"the body has no string '{name}'");

    private static byte[] Decode(string base64) =>
        StrictBase64.TryDecode(base64, out var bytes) ? bytes : throw new BodyShapeException("a base64 field of the body is not valid base64");

    private sealed class BodyShapeException(string message) : Exception(message);
}
