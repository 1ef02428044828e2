using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using PipelineGuard.Signing.Notation;
using PipelineGuard.Testing.Pki;

namespace PipelineGuard.Testing.Notation;

/// <summary>
/// Signs Notary Project envelopes (COSE_Sign1 and JWS) as Notation does, for tests: a payload with the target descriptor,
/// the protected headers, the x5chain, and optionally an RFC 3161 countersignature over the signature bytes.
/// </summary>
public static class NotationEnvelopeWriter
{
    /// <summary>The payload for a target manifest.</summary>
    public static byte[] Payload(string mediaType, string digest, long size)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("targetArtifact");
            writer.WriteString("mediaType", mediaType);
            writer.WriteString("digest", digest);
            writer.WriteNumber("size", size);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Signs <paramref name="payload"/> with the leaf (first, with its private key) of <paramref name="chain"/>.</summary>
    public static byte[] Sign(byte[] payload, IReadOnlyList<X509Certificate2> chain, NotationSigningOptions? options = null)
    {
        options ??= new NotationSigningOptions();
        return options.Format == NotationEnvelopeFormat.Cose ? SignCose(payload, chain, options) : SignJws(payload, chain, options);
    }

    /// <summary>The hash a key dictates (RSA 2048/3072/4096, P-256/384/521).</summary>
    public static HashAlgorithmName HashFor(X509Certificate2 leaf)
    {
        using var rsa = leaf.GetRSAPublicKey();
        var size = rsa?.KeySize ?? leaf.GetECDsaPublicKey()!.KeySize;
        return size switch
        {
            2048 or 256 => HashAlgorithmName.SHA256,
            3072 or 384 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
    }

    private static byte[] SignCose(byte[] payload, IReadOnlyList<X509Certificate2> chain, NotationSigningOptions options)
    {
        var leaf = chain[0];
        var hash = options.Hash ?? HashFor(leaf);
        var authority = options.SigningScheme == NotationEnvelope.SchemeSigningAuthority;
        var protectedHeaders = new CoseHeaderMap
        {
            { CoseHeaderLabel.ContentType, CoseHeaderValue.FromString(options.ContentType) },
            { new CoseHeaderLabel("io.cncf.notary.signingScheme"), CoseHeaderValue.FromString(options.SigningScheme) },
            { new CoseHeaderLabel(authority ? "io.cncf.notary.authenticSigningTime" : "io.cncf.notary.signingTime"), EpochTime(options.SigningTime) },
        };
        var critical = new List<string> { "io.cncf.notary.signingScheme" };
        if (authority)
        {
            critical.Add("io.cncf.notary.authenticSigningTime");
        }
        if (options.Expiry is { } expiry)
        {
            protectedHeaders.Add(new CoseHeaderLabel("io.cncf.notary.expiry"), EpochTime(expiry));
            critical.Add("io.cncf.notary.expiry");
        }
        if (options.ExtraCriticalHeader is { } extra)
        {
            protectedHeaders.Add(new CoseHeaderLabel(extra), CoseHeaderValue.FromString("value"));
            critical.Add(extra);
        }
        var crit = new CborWriter();
        crit.WriteStartArray(critical.Count);
        foreach (var name in critical)
        {
            crit.WriteTextString(name);
        }
        crit.WriteEndArray();
        protectedHeaders.Add(CoseHeaderLabel.CriticalHeaders, CoseHeaderValue.FromEncodedValue(crit.Encode()));

        var x5chain = new CborWriter();
        x5chain.WriteStartArray(chain.Count);
        foreach (var certificate in chain)
        {
            x5chain.WriteByteString(certificate.RawData);
        }
        x5chain.WriteEndArray();
        var unprotectedHeaders = new CoseHeaderMap
        {
            { new CoseHeaderLabel(33), CoseHeaderValue.FromEncodedValue(x5chain.Encode()) },
            { new CoseHeaderLabel("io.cncf.notary.signingAgent"), CoseHeaderValue.FromString("PipelineGuard.Testing/1.0") },
        };

        var key = TestPki.PrivateKey(leaf);
        var signer = key is RSA rsa
            ? new CoseSigner(rsa, RSASignaturePadding.Pss, hash, protectedHeaders, unprotectedHeaders)
            : new CoseSigner((ECDsa)key, hash, protectedHeaders, unprotectedHeaders);
        var encoded = CoseSign1Message.SignEmbedded(payload, signer);
        if (options.TimestampAuthority is not { } tsa)
        {
            return encoded;
        }
        var message = CoseMessage.DecodeSign1(encoded);
        var token = tsa.Timestamp(CoseSignatureBytes(encoded), options.TimestampTime);
        message.UnprotectedHeaders.Add(new CoseHeaderLabel("io.cncf.notary.timestampSignature"), CoseHeaderValue.FromBytes(token));
        return message.Encode();
    }

    /// <summary>The signature field of a COSE_Sign1_Tagged message.</summary>
    public static byte[] CoseSignatureBytes(byte[] encoded)
    {
        var reader = new CborReader(encoded);
        reader.ReadTag();
        reader.ReadStartArray();
        reader.SkipValue();
        reader.SkipValue();
        reader.SkipValue();
        return reader.ReadByteString();
    }

    private static CoseHeaderValue EpochTime(DateTimeOffset time)
    {
        var writer = new CborWriter();
        writer.WriteUnixTimeSeconds(time.ToUnixTimeSeconds());
        return CoseHeaderValue.FromEncodedValue(writer.Encode());
    }

    private static byte[] SignJws(byte[] payload, IReadOnlyList<X509Certificate2> chain, NotationSigningOptions options)
    {
        var leaf = chain[0];
        var hash = options.Hash ?? HashFor(leaf);
        var key = TestPki.PrivateKey(leaf);
        var alg = (key is RSA ? "PS" : "ES") + hash.Name![3..];
        var authority = options.SigningScheme == NotationEnvelope.SchemeSigningAuthority;
        using var headerStream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(headerStream))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", alg);
            writer.WriteString("cty", options.ContentType);
            writer.WriteStartArray("crit");
            writer.WriteStringValue("io.cncf.notary.signingScheme");
            if (authority)
            {
                writer.WriteStringValue("io.cncf.notary.authenticSigningTime");
            }
            if (options.Expiry is not null)
            {
                writer.WriteStringValue("io.cncf.notary.expiry");
            }
            if (options.ExtraCriticalHeader is { } extra)
            {
                writer.WriteStringValue(extra);
            }
            writer.WriteEndArray();
            writer.WriteString("io.cncf.notary.signingScheme", options.SigningScheme);
            writer.WriteString(authority ? "io.cncf.notary.authenticSigningTime" : "io.cncf.notary.signingTime", Rfc3339(options.SigningTime));
            if (options.Expiry is { } expiry)
            {
                writer.WriteString("io.cncf.notary.expiry", Rfc3339(expiry));
            }
            if (options.ExtraCriticalHeader is { } extraHeader)
            {
                writer.WriteString(extraHeader, "value");
            }
            writer.WriteEndObject();
        }
        var protectedText = Base64Url(headerStream.ToArray());
        var payloadText = Base64Url(payload);
        var input = Encoding.ASCII.GetBytes(protectedText + "." + payloadText);
        var signature = key is RSA rsa
            ? rsa.SignData(input, hash, RSASignaturePadding.Pss)
            : ((ECDsa)key).SignData(input, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("payload", payloadText);
            writer.WriteString("protected", protectedText);
            writer.WriteStartObject("header");
            writer.WriteStartArray("x5c");
            foreach (var certificate in chain)
            {
                writer.WriteStringValue(Convert.ToBase64String(certificate.RawData));
            }
            writer.WriteEndArray();
            writer.WriteString("io.cncf.notary.signingAgent", "PipelineGuard.Testing/1.0");
            if (options.TimestampAuthority is { } tsa)
            {
                writer.WriteString("io.cncf.notary.timestampSignature", Convert.ToBase64String(tsa.Timestamp(signature, options.TimestampTime)));
            }
            writer.WriteEndObject();
            writer.WriteString("signature", Base64Url(signature));
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
