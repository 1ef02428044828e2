using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace PipelineGuard.Signing.Keyless;

/// <summary>Reads Sigstore <c>trusted_root.json</c> files; every refusal names the field.</summary>
public static class TrustedRootReader
{
    /// <summary>The largest trusted root read (real ones are under 10 KiB).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Media type prefix of trusted roots.</summary>
    public const string MediaTypePrefix = "application/vnd.dev.sigstore.trustedroot";

    /// <summary>Reads the trusted root file at <paramref name="path"/>.</summary>
    public static SigningResult<TrustedRoot> ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return SigningResult<TrustedRoot>.Failure($"{path}: trusted root not found");
            }

            if (info.Length > MaxBytes)
            {
                return SigningResult<TrustedRoot>.Failure($"{path}: trusted root is {info.Length} bytes, more than the {MaxBytes} read");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SigningResult<TrustedRoot>.Failure($"{path}: cannot read the trusted root: {e.Message}");
        }

        var result = Read(bytes, path);
        return result.Succeeded ? result : SigningResult<TrustedRoot>.Failure($"{path}: {result.Error}");
    }

    /// <summary>Parses trusted root JSON; <paramref name="source"/> names it in messages.</summary>
    public static SigningResult<TrustedRoot> Read(byte[] json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return SigningResult<TrustedRoot>.Failure("the trusted root is not a JSON object");
            }

            var mediaType = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString()! : string.Empty;
            if (!mediaType.StartsWith(MediaTypePrefix, StringComparison.Ordinal))
            {
                return SigningResult<TrustedRoot>.Failure($"mediaType '{mediaType}' is not a Sigstore trusted root ({MediaTypePrefix}+json;version=0.1)");
            }

            var tlogs = ReadLogs(root, "tlogs");
            var ctlogs = ReadLogs(root, "ctlogs");
            var cas = ReadAuthorities(root, "certificateAuthorities");
            var tsas = ReadAuthorities(root, "timestampAuthorities");
            return SigningResult<TrustedRoot>.Success(new TrustedRoot(source, tlogs, cas, ctlogs, tsas));
        }
        catch (JsonException e)
        {
            return SigningResult<TrustedRoot>.Failure($"the trusted root is not JSON: {e.Message}");
        }
        catch (TrustedRootFormatException e)
        {
            return SigningResult<TrustedRoot>.Failure(e.Message);
        }
    }

    private static List<LogKey> ReadLogs(JsonElement root, string name)
    {
        var logs = new List<LogKey>();
        if (!root.TryGetProperty(name, out var array))
        {
            return logs;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new TrustedRootFormatException($"{name} is not an array");
        }

        var index = 0;
        foreach (var log in array.EnumerateArray())
        {
            var where = $"{name}[{index++}]";
            var baseUrl = OptionalString(log, "baseUrl") ?? string.Empty;
            var publicKey = Object(log, "publicKey", where);
            var raw = Base64(publicKey, "rawBytes", $"{where}.publicKey");
            if (OptionalString(publicKey, "keyDetails") is { } details && details.StartsWith("PKCS1_RSA_", StringComparison.Ordinal))
            {
                raw = Pkcs1ToSubjectPublicKeyInfo(raw, $"{where}.publicKey");
            }

            var key = PublicKeyReader.FromSubjectPublicKeyInfo(raw);
            if (!key.Succeeded)
            {
                throw new TrustedRootFormatException($"{where}.publicKey: {key.Error}");
            }

            var validFor = Validity(publicKey, $"{where}.publicKey");
            var logId = Base64(Object(log, "logId", where), "keyId", $"{where}.logId");
            logs.Add(new LogKey(baseUrl, logId, key.Value!, validFor));
        }

        return logs;
    }

    private static List<CertificateAuthority> ReadAuthorities(JsonElement root, string name)
    {
        var authorities = new List<CertificateAuthority>();
        if (!root.TryGetProperty(name, out var array))
        {
            return authorities;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new TrustedRootFormatException($"{name} is not an array");
        }

        var index = 0;
        foreach (var authority in array.EnumerateArray())
        {
            var where = $"{name}[{index++}]";
            var chain = Object(authority, "certChain", where);
            if (!chain.TryGetProperty("certificates", out var certificates) || certificates.ValueKind != JsonValueKind.Array || certificates.GetArrayLength() == 0)
            {
                throw new TrustedRootFormatException($"{where}.certChain.certificates is missing or empty");
            }

            var parsed = new List<X509Certificate2>();
            var i = 0;
            foreach (var certificate in certificates.EnumerateArray())
            {
                var der = Base64(certificate, "rawBytes", $"{where}.certChain.certificates[{i}]");
                try
                {
                    parsed.Add(DerCertificate.Load(der));
                }
                catch (CryptographicException e)
                {
                    throw new TrustedRootFormatException($"{where}.certChain.certificates[{i}] is not a DER certificate: {e.Message}");
                }

                i++;
            }

            authorities.Add(new CertificateAuthority(OptionalString(authority, "uri") ?? string.Empty, parsed, Validity(authority, where)));
        }

        return authorities;
    }

    // PKCS1_RSA_* keys are an RSAPublicKey, not a SubjectPublicKeyInfo.
    private static byte[] Pkcs1ToSubjectPublicKeyInfo(byte[] pkcs1, string where)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportRSAPublicKey(pkcs1, out _);
            return rsa.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException e)
        {
            throw new TrustedRootFormatException($"{where}.rawBytes is not a PKCS#1 RSA public key: {e.Message}");
        }
    }

    private static ValidityPeriod Validity(JsonElement owner, string where)
    {
        var validFor = Object(owner, "validFor", where);
        var start = OptionalString(validFor, "start") ?? throw new TrustedRootFormatException($"{where}.validFor.start is missing");
        var end = OptionalString(validFor, "end");
        return new ValidityPeriod(Time(start, $"{where}.validFor.start"), end is null ? null : Time(end, $"{where}.validFor.end"));
    }

    private static DateTimeOffset Time(string text, string where) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new TrustedRootFormatException($"{where} '{text}' is not an RFC 3339 time");

    private static JsonElement Object(JsonElement owner, string name, string where) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new TrustedRootFormatException($"{where}.{name} is missing or not an object");

    private static string? OptionalString(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Base64(JsonElement owner, string name, string where)
    {
        var text = OptionalString(owner, name) ?? throw new TrustedRootFormatException($"{where}.{name} is missing");
        return StrictBase64.TryDecode(text, out var bytes) && bytes.Length > 0
            ? bytes
            : throw new TrustedRootFormatException($"{where}.{name} is not valid base64");
    }

    private sealed class TrustedRootFormatException(string message) : Exception(message);
}
