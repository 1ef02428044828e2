using System.Globalization;
using System.Text.Json;

namespace PipelineGuard.Signing.Keyless;

/// <summary>Reads a whole Sigstore bundle (v0.1-v0.3): content, certificate or key hint, log entries, timestamps.</summary>
public static class SigstoreEvidenceReader
{
    /// <summary>Parses bundle JSON; every refusal names the field.</summary>
    public static (SigstoreEvidenceBundle? Bundle, VerificationResult Status) Read(ReadOnlySpan<byte> json)
    {
        static (SigstoreEvidenceBundle?, VerificationResult) Fail(string message) => (null, VerificationResult.Reject(VerificationFailure.MalformedBundle, message));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return Fail($"the bundle is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("the bundle is not a JSON object");
            }

            var mediaType = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString()! : null;
            if (mediaType is null || !SigstoreBundle.ReadableMediaTypes.Contains(mediaType))
            {
                return (null, VerificationResult.Reject(VerificationFailure.BundleMediaType, $"bundle mediaType '{mediaType}' is not a Sigstore bundle v0.1-v0.3 ({SigstoreBundle.MediaTypeV03})"));
            }

            if (!root.TryGetProperty("verificationMaterial", out var material) || material.ValueKind != JsonValueKind.Object)
            {
                return Fail("the bundle has no verificationMaterial");
            }

            try
            {
                string? hint = null;
                var certificates = new List<byte[]>();
                if (material.TryGetProperty("certificate", out var certificate))
                {
                    certificates.Add(Base64(certificate, "rawBytes", "verificationMaterial.certificate"));
                }
                else if (material.TryGetProperty("x509CertificateChain", out var chain))
                {
                    if (!chain.TryGetProperty("certificates", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                    {
                        return Fail("verificationMaterial.x509CertificateChain.certificates is missing or empty");
                    }

                    var i = 0;
                    foreach (var item in list.EnumerateArray())
                    {
                        certificates.Add(Base64(item, "rawBytes", $"verificationMaterial.x509CertificateChain.certificates[{i++}]"));
                    }
                }
                else if (material.TryGetProperty("publicKey", out var publicKey) && publicKey.ValueKind == JsonValueKind.Object)
                {
                    hint = OptionalString(publicKey, "hint");
                }
                else
                {
                    return Fail("verificationMaterial has none of certificate, x509CertificateChain and publicKey");
                }

                var entries = new List<TransparencyLogEntry>();
                if (material.TryGetProperty("tlogEntries", out var tlogEntries))
                {
                    if (tlogEntries.ValueKind != JsonValueKind.Array)
                    {
                        return Fail("verificationMaterial.tlogEntries is not an array");
                    }

                    var i = 0;
                    foreach (var entry in tlogEntries.EnumerateArray())
                    {
                        entries.Add(ReadEntry(entry, $"verificationMaterial.tlogEntries[{i++}]"));
                    }
                }

                var timestamps = new List<byte[]>();
                if (material.TryGetProperty("timestampVerificationData", out var timestampData) && timestampData.ValueKind == JsonValueKind.Object &&
                    timestampData.TryGetProperty("rfc3161Timestamps", out var rfc3161))
                {
                    if (rfc3161.ValueKind != JsonValueKind.Array)
                    {
                        return Fail("verificationMaterial.timestampVerificationData.rfc3161Timestamps is not an array");
                    }

                    var i = 0;
                    foreach (var stamp in rfc3161.EnumerateArray())
                    {
                        timestamps.Add(Base64(stamp, "signedTimestamp", $"verificationMaterial.timestampVerificationData.rfc3161Timestamps[{i++}]"));
                    }
                }

                var (content, status) = BundleReader.ReadContent(root, mediaType, hint);
                if (content is null)
                {
                    return (null, status);
                }

                return (new SigstoreEvidenceBundle(content, certificates, entries, timestamps), VerificationResult.Valid("bundle read"));
            }
            catch (BundleFormatException e)
            {
                return Fail(e.Message);
            }
        }
    }

    private static TransparencyLogEntry ReadEntry(JsonElement entry, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new BundleFormatException($"{where} is not an object");
        }

        var logIndex = Int64(entry, "logIndex", where) ?? throw new BundleFormatException($"{where}.logIndex is missing");
        var logId = Base64(Object(entry, "logId", where), "keyId", $"{where}.logId");
        var kindVersion = Object(entry, "kindVersion", where);
        var kind = OptionalString(kindVersion, "kind") ?? throw new BundleFormatException($"{where}.kindVersion.kind is missing");
        var version = OptionalString(kindVersion, "version") ?? throw new BundleFormatException($"{where}.kindVersion.version is missing");
        var integratedTime = Int64(entry, "integratedTime", where);
        byte[]? set = null;
        if (entry.TryGetProperty("inclusionPromise", out var promise))
        {
            set = Base64(promise, "signedEntryTimestamp", $"{where}.inclusionPromise");
        }

        InclusionProof? proof = null;
        if (entry.TryGetProperty("inclusionProof", out var proofElement))
        {
            var at = $"{where}.inclusionProof";
            if (proofElement.ValueKind != JsonValueKind.Object)
            {
                throw new BundleFormatException($"{at} is not an object");
            }

            var hashes = new List<byte[]>();
            if (proofElement.TryGetProperty("hashes", out var hashArray))
            {
                if (hashArray.ValueKind != JsonValueKind.Array)
                {
                    throw new BundleFormatException($"{at}.hashes is not an array");
                }

                var i = 0;
                foreach (var hash in hashArray.EnumerateArray())
                {
                    var text = hash.ValueKind == JsonValueKind.String ? hash.GetString()! : throw new BundleFormatException($"{at}.hashes[{i}] is not a string");
                    hashes.Add(StrictBase64.TryDecode(text, out var bytes) && bytes.Length == 32 ? bytes : throw new BundleFormatException($"{at}.hashes[{i}] is not 32 bytes of base64"));
                    i++;
                }
            }

            string? checkpoint = null;
            if (proofElement.TryGetProperty("checkpoint", out var checkpointElement))
            {
                checkpoint = OptionalString(checkpointElement, "envelope") ?? throw new BundleFormatException($"{at}.checkpoint.envelope is missing");
            }

            var rootHash = Base64(proofElement, "rootHash", at);
            if (rootHash.Length != 32)
            {
                throw new BundleFormatException($"{at}.rootHash is {rootHash.Length} bytes, not 32");
            }

            proof = new InclusionProof(
                Int64(proofElement, "logIndex", at) ?? throw new BundleFormatException($"{at}.logIndex is missing"),
                rootHash,
                Int64(proofElement, "treeSize", at) ?? throw new BundleFormatException($"{at}.treeSize is missing"),
                hashes,
                checkpoint);
        }

        var body = Base64(entry, "canonicalizedBody", where);
        return new TransparencyLogEntry(logIndex, logId, kind, version, integratedTime is 0 && set is null ? null : integratedTime, set, proof, body);
    }

    private static long? Int64(JsonElement owner, string name, string where)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            return null;
        }

        // The protobuf JSON mapping writes int64 as a string; accept a number as well.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0)
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new BundleFormatException($"{where}.{name} is not a non-negative integer");
    }

    private static JsonElement Object(JsonElement owner, string name, string where) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : throw new BundleFormatException($"{where}.{name} is missing or not an object");

    private static string? OptionalString(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Base64(JsonElement owner, string name, string where)
    {
        if (owner.ValueKind != JsonValueKind.Object)
        {
            throw new BundleFormatException($"{where} is not an object");
        }

        var text = OptionalString(owner, name) ?? throw new BundleFormatException($"{where}.{name} is missing");
        return StrictBase64.TryDecode(text, out var bytes) && bytes.Length > 0 ? bytes : throw new BundleFormatException($"{where}.{name} is not valid base64");
    }

    private sealed class BundleFormatException(string message) : Exception(message);
}
