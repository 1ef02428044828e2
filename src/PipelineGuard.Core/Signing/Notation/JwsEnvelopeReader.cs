using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using PipelineGuard.Signing.Certificates;

namespace PipelineGuard.Signing.Notation;

/// <summary>Reads a Notary Project JWS envelope (<c>application/jose+json</c>, flattened JSON serialization; JWS envelope specification).</summary>
public static class JwsEnvelopeReader
{
    private static readonly string[] TopLevel = ["payload", "protected", "header", "signature"];

    /// <summary>Decodes and shape-checks <paramref name="envelope"/>; throws <see cref="NotationEnvelopeException"/> naming what is wrong.</summary>
    public static NotationEnvelope Read(ReadOnlyMemory<byte> envelope)
    {
        const string where = "JWS envelope";
        try
        {
            using var document = JsonDocument.Parse(envelope, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new NotationEnvelopeException($"{where}: not a JSON object");
            }
            var names = root.EnumerateObject().Select(p => p.Name).ToList();
            var unexpected = names.Except(TopLevel, StringComparer.Ordinal).ToList();
            if (unexpected.Count > 0 || names.Count != TopLevel.Length)
            {
                throw new NotationEnvelopeException($"{where}: the flattened JSON serialization must have exactly payload, protected, header and signature (found {string.Join(", ", names)})");
            }
            var protectedText = String(root, "protected", where);
            var payloadText = String(root, "payload", where);
            var protectedBytes = Base64Url(protectedText, "protected", where);
            var payload = Base64Url(payloadText, "payload", where);
            var signature = Base64Url(String(root, "signature", where), "signature", where);

            using var headerDocument = ParseObject(protectedBytes, "protected", where);
            var header = headerDocument.RootElement;
            var algorithm = NotationAlgorithms.FromJws(OptionalString(header, "alg", where))
                ?? throw new NotationEnvelopeException($"{where}: protected 'alg' must be PS256, PS384, PS512, ES256, ES384 or ES512");
            if (OptionalString(header, "cty", where) != NotationEnvelope.PayloadContentType)
            {
                throw new NotationEnvelopeException($"{where}: protected 'cty' must be {NotationEnvelope.PayloadContentType}");
            }
            var scheme = OptionalString(header, NotationHeaders.SigningScheme, where)
                ?? throw new NotationEnvelopeException($"{where}: the protected header has no {NotationHeaders.SigningScheme}");
            var signingTime = Time(header, NotationHeaders.SigningTime, where);
            var authentic = Time(header, NotationHeaders.AuthenticSigningTime, where);
            var expiry = Time(header, NotationHeaders.Expiry, where);
            var critical = new List<string>();
            if (header.TryGetProperty("crit", out var crit))
            {
                if (crit.ValueKind != JsonValueKind.Array || crit.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
                {
                    throw new NotationEnvelopeException($"{where}: protected 'crit' must be an array of strings");
                }
                critical.AddRange(crit.EnumerateArray().Select(c => c.GetString()!));
            }
            NotationHeaders.CheckCritical(critical, expiry is not null, authentic is not null, name => header.TryGetProperty(name, out _), where);
            NotationHeaders.CheckScheme(scheme, signingTime, authentic, expiry, where);

            var unprotected = root.GetProperty("header");
            if (unprotected.ValueKind != JsonValueKind.Object)
            {
                throw new NotationEnvelopeException($"{where}: 'header' must be an object");
            }
            if (!unprotected.TryGetProperty("x5c", out var x5c) || x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0)
            {
                throw new NotationEnvelopeException($"{where}: header 'x5c' must be a non-empty array of base64 DER certificates");
            }
            var chain = new List<X509Certificate2>();
            var index = 0;
            foreach (var item in x5c.EnumerateArray())
            {
                var field = $"header.x5c[{index++}]";
                if (item.ValueKind != JsonValueKind.String || !StrictBase64.TryDecode(item.GetString()!, out var der))
                {
                    throw new NotationEnvelopeException($"{where}: {field} is not standard base64");
                }
                try
                {
                    chain.Add(CertificateDecoder.FromDer(der));
                }
                catch (CryptographicException ex)
                {
                    throw new NotationEnvelopeException($"{where}: {field} is not a DER certificate: {ex.Message}", ex);
                }
            }
            ReadOnlyMemory<byte>? token = null;
            if (unprotected.TryGetProperty(NotationHeaders.TimestampSignature, out var ts))
            {
                if (ts.ValueKind != JsonValueKind.String || !StrictBase64.TryDecode(ts.GetString()!, out var tokenBytes))
                {
                    throw new NotationEnvelopeException($"{where}: header '{NotationHeaders.TimestampSignature}' is not standard base64");
                }
                token = tokenBytes;
            }
            var agent = unprotected.TryGetProperty(NotationHeaders.SigningAgent, out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;

            var signingInput = Encoding.ASCII.GetBytes(protectedText + "." + payloadText);
            return new NotationEnvelope(NotationEnvelopeFormat.Jws, algorithm, scheme, signingTime, authentic, expiry, critical, payload, signature, chain, token, agent)
            {
                VerifySignature = key => NotationAlgorithms.Verify(key, algorithm, signingInput, signature),
            };
        }
        catch (JsonException ex)
        {
            throw new NotationEnvelopeException($"{where}: not valid JSON: {ex.Message}", ex);
        }
    }

    private static JsonDocument ParseObject(byte[] bytes, string field, string where)
    {
        try
        {
            var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new NotationEnvelopeException($"{where}: '{field}' does not decode to a JSON object");
            }
            return document;
        }
        catch (JsonException ex)
        {
            throw new NotationEnvelopeException($"{where}: '{field}' does not decode to JSON: {ex.Message}", ex);
        }
    }

    private static string String(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new NotationEnvelopeException($"{where}: '{name}' must be a string");

    private static string? OptionalString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new NotationEnvelopeException($"{where}: protected '{name}' must be a string");
    }

    private static DateTimeOffset? Time(JsonElement header, string name, string where)
    {
        var text = OptionalString(header, name, where);
        if (text is null)
        {
            return null;
        }
        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new NotationEnvelopeException($"{where}: protected '{name}' ({text}) is not an RFC 3339 time");
    }

    private static byte[] Base64Url(string text, string field, string where)
    {
        if (text.Length % 4 == 1 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new NotationEnvelopeException($"{where}: '{field}' is not unpadded base64url");
        }
        var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException ex)
        {
            throw new NotationEnvelopeException($"{where}: '{field}' is not unpadded base64url", ex);
        }
    }
}
