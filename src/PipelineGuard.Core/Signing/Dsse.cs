using System.Text;
using System.Text.Json;

namespace PipelineGuard.Signing;

/// <summary>One DSSE signature.</summary>
/// <param name="KeyId">The optional key id (cosign writes an empty string).</param>
/// <param name="Signature">The signature bytes over the PAE.</param>
public sealed record DsseSignature(string KeyId, byte[] Signature);

/// <summary>A DSSE envelope: a typed payload and signatures over its pre-authentication encoding.</summary>
/// <param name="PayloadType">The payload's type, <c>application/vnd.in-toto+json</c> for attestations.</param>
/// <param name="Payload">The exact payload bytes.</param>
/// <param name="Signatures">At least one signature.</param>
public sealed record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<DsseSignature> Signatures);

/// <summary>Dead Simple Signing Envelope: PAE, signing, verification, and the JSON form cosign stores in <c>.att</c> layers.</summary>
public static class Dsse
{
    /// <summary>The payload type of in-toto statements.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>The media type of a DSSE envelope layer.</summary>
    public const string EnvelopeMediaType = "application/vnd.dsse.envelope.v1+json";

    /// <summary>The pre-authentication encoding: <c>"DSSEv1" SP len(type) SP type SP len(body) SP body</c>, lengths in bytes as ASCII decimal.</summary>
    public static byte[] PreAuthenticationEncoding(string payloadType, ReadOnlySpan<byte> payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes($"DSSEv1 {type.Length} ");
        var middle = Encoding.ASCII.GetBytes($" {payload.Length} ");
        var pae = new byte[header.Length + type.Length + middle.Length + payload.Length];
        header.CopyTo(pae, 0);
        type.CopyTo(pae, header.Length);
        middle.CopyTo(pae, header.Length + type.Length);
        payload.CopyTo(pae.AsSpan(header.Length + type.Length + middle.Length));
        return pae;
    }

    /// <summary>Signs <paramref name="payload"/> into a one-signature envelope.</summary>
    public static async Task<DsseEnvelope> SignAsync(ISigner signer, string payloadType, byte[] payload, CancellationToken cancellationToken = default)
    {
        var signature = await signer.SignAsync(PreAuthenticationEncoding(payloadType, payload), cancellationToken);
        return new DsseEnvelope(payloadType, payload, [new DsseSignature(string.Empty, signature)]);
    }

    /// <summary>Valid when at least one signature verifies over the PAE and the payload type is <paramref name="expectedPayloadType"/>.</summary>
    public static VerificationResult Verify(DsseEnvelope envelope, IVerifier verifier, string expectedPayloadType = InTotoPayloadType)
    {
        if (envelope.PayloadType != expectedPayloadType)
        {
            return VerificationResult.Reject(VerificationFailure.PayloadType, $"DSSE payloadType is '{envelope.PayloadType}', expected '{expectedPayloadType}'");
        }

        if (envelope.Signatures.Count == 0)
        {
            return VerificationResult.Reject(VerificationFailure.MalformedEnvelope, "DSSE envelope has no signatures");
        }

        var pae = PreAuthenticationEncoding(envelope.PayloadType, envelope.Payload);
        VerificationResult? last = null;
        foreach (var signature in envelope.Signatures)
        {
            last = verifier.Verify(pae, signature.Signature);
            if (last.IsValid)
            {
                return VerificationResult.Valid("DSSE " + last.Message);
            }
        }

        return VerificationResult.Reject(last!.Failure, "DSSE " + last.Message);
    }

    /// <summary>The envelope as cosign writes it in an attestation layer: <c>{"payloadType","payload","signatures":[{"keyid","sig"}]}</c>.</summary>
    public static byte[] Serialize(DsseEnvelope envelope)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Compact))
        {
            WriteEnvelope(json, envelope);
        }

        return buffer.ToArray();
    }

    internal static void WriteEnvelope(Utf8JsonWriter json, DsseEnvelope envelope, bool bundleOrder = false)
    {
        json.WriteStartObject();
        if (bundleOrder)
        {
            json.WriteString("payload", Convert.ToBase64String(envelope.Payload));
            json.WriteString("payloadType", envelope.PayloadType);
        }
        else
        {
            json.WriteString("payloadType", envelope.PayloadType);
            json.WriteString("payload", Convert.ToBase64String(envelope.Payload));
        }

        json.WriteStartArray("signatures");
        foreach (var signature in envelope.Signatures)
        {
            json.WriteStartObject();
            if (bundleOrder)
            {
                json.WriteString("sig", Convert.ToBase64String(signature.Signature));
                json.WriteString("keyid", signature.KeyId);
            }
            else
            {
                json.WriteString("keyid", signature.KeyId);
                json.WriteString("sig", Convert.ToBase64String(signature.Signature));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Reads an envelope from JSON bytes; the failure names the field.</summary>
    public static (DsseEnvelope? Envelope, VerificationResult Status) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            IO.Utf8Json.EnsureValid(json);
            IO.Utf8Json.EnsureNoDuplicateProperties(json);
            using var document = JsonDocument.Parse(json.ToArray());
            return FromElement(document.RootElement);
        }
        catch (JsonException e)
        {
            return (null, VerificationResult.Reject(VerificationFailure.MalformedEnvelope, $"DSSE envelope is not JSON: {e.Message}"));
        }
    }

    internal static (DsseEnvelope? Envelope, VerificationResult Status) FromElement(JsonElement element)
    {
        static (DsseEnvelope?, VerificationResult) Fail(VerificationFailure failure, string message) => (null, VerificationResult.Reject(failure, message));

        if (element.ValueKind != JsonValueKind.Object)
        {
            return Fail(VerificationFailure.MalformedEnvelope, "DSSE envelope is not a JSON object");
        }

        if (!element.TryGetProperty("payloadType", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return Fail(VerificationFailure.MalformedEnvelope, "DSSE envelope has no string 'payloadType'");
        }

        if (!element.TryGetProperty("payload", out var payloadText) || payloadText.ValueKind != JsonValueKind.String)
        {
            return Fail(VerificationFailure.MalformedEnvelope, "DSSE envelope has no string 'payload'");
        }

        if (!StrictBase64.TryDecode(payloadText.GetString()!, out var payload))
        {
            return Fail(VerificationFailure.InvalidBase64, "DSSE 'payload' is not valid base64 (truncated or garbage)");
        }

        if (!element.TryGetProperty("signatures", out var signatures) || signatures.ValueKind != JsonValueKind.Array || signatures.GetArrayLength() == 0)
        {
            return Fail(VerificationFailure.MalformedEnvelope, "DSSE envelope has no 'signatures'");
        }

        var list = new List<DsseSignature>();
        foreach (var entry in signatures.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("sig", out var sig) || sig.ValueKind != JsonValueKind.String)
            {
                return Fail(VerificationFailure.MalformedEnvelope, "a DSSE signature has no string 'sig'");
            }

            if (!StrictBase64.TryDecode(sig.GetString()!, out var bytes))
            {
                return Fail(VerificationFailure.InvalidBase64, "DSSE 'sig' is not valid base64 (truncated or garbage)");
            }

            var keyId = entry.TryGetProperty("keyid", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty;
            list.Add(new DsseSignature(keyId, bytes));
        }

        return (new DsseEnvelope(type.GetString()!, payload, list), VerificationResult.Valid("DSSE envelope read"));
    }
}
