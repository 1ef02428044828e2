using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Certificates;

namespace PipelineGuard.Signing.Notation;

/// <summary>Reads a Notary Project COSE_Sign1 envelope (<c>application/cose</c>, COSE envelope specification).</summary>
public static class CoseEnvelopeReader
{
    private const int X5ChainLabel = 33;

    /// <summary>Decodes and shape-checks <paramref name="envelope"/>; throws <see cref="NotationEnvelopeException"/> naming what is wrong.</summary>
    public static NotationEnvelope Read(ReadOnlyMemory<byte> envelope)
    {
        const string where = "COSE envelope";
        var signature = ReadSignatureBytes(envelope, where);
        CoseSign1Message message;
        try
        {
            message = CoseMessage.DecodeSign1(envelope.Span);
        }
        catch (CryptographicException ex)
        {
            throw new NotationEnvelopeException($"{where}: not a COSE_Sign1 message: {ex.Message}", ex);
        }
        if (message.Content is not { } content)
        {
            throw new NotationEnvelopeException($"{where}: the payload is detached; Notary Project envelopes embed it");
        }

        var headers = message.ProtectedHeaders;
        if (!headers.TryGetValue(CoseHeaderLabel.Algorithm, out var algValue))
        {
            throw new NotationEnvelopeException($"{where}: the protected header has no 'alg' (label 1)");
        }
        var algorithm = NotationAlgorithms.FromCose(Int(algValue, "alg", where))
            ?? throw new NotationEnvelopeException($"{where}: 'alg' {Int(algValue, "alg", where)} is not PS256/384/512 (-37/-38/-39) or ES256/384/512 (-7/-35/-36)");
        if (!headers.TryGetValue(CoseHeaderLabel.ContentType, out var cty) || Text(cty, "content type (label 3)", where) != NotationEnvelope.PayloadContentType)
        {
            throw new NotationEnvelopeException($"{where}: the content type (label 3) must be {NotationEnvelope.PayloadContentType}");
        }

        var scheme = headers.TryGetValue(new CoseHeaderLabel(NotationHeaders.SigningScheme), out var s)
            ? Text(s, NotationHeaders.SigningScheme, where)
            : throw new NotationEnvelopeException($"{where}: the protected header has no {NotationHeaders.SigningScheme}");
        var signingTime = Time(headers, NotationHeaders.SigningTime, where);
        var authentic = Time(headers, NotationHeaders.AuthenticSigningTime, where);
        var expiry = Time(headers, NotationHeaders.Expiry, where);
        var critical = Critical(headers, where);
        NotationHeaders.CheckCritical(critical, expiry is not null, authentic is not null, name => headers.ContainsKey(new CoseHeaderLabel(name)), where);
        NotationHeaders.CheckScheme(scheme, signingTime, authentic, expiry, where);

        var chainValue = message.UnprotectedHeaders.TryGetValue(new CoseHeaderLabel(X5ChainLabel), out var unprotectedChain) ? unprotectedChain
            : headers.TryGetValue(new CoseHeaderLabel(X5ChainLabel), out var protectedChain) ? protectedChain
            : throw new NotationEnvelopeException($"{where}: no x5chain (label 33) header");
        var chain = Certificates(chainValue, where);

        ReadOnlyMemory<byte>? token = message.UnprotectedHeaders.TryGetValue(new CoseHeaderLabel(NotationHeaders.TimestampSignature), out var ts)
            ? new ReadOnlyMemory<byte>(Bytes(ts, NotationHeaders.TimestampSignature, where))
            : null;
        var agent = message.UnprotectedHeaders.TryGetValue(new CoseHeaderLabel(NotationHeaders.SigningAgent), out var a) ? Text(a, NotationHeaders.SigningAgent, where) : null;

        return new NotationEnvelope(NotationEnvelopeFormat.Cose, algorithm, scheme, signingTime, authentic, expiry, critical, content, signature, chain, token, agent)
        {
            VerifySignature = key => VerifyWith(message, key),
        };
    }

    private static bool VerifyWith(CoseSign1Message message, AsymmetricAlgorithm key)
    {
        try
        {
            return key switch
            {
                RSA rsa => message.VerifyEmbedded(rsa),
                ECDsa ec => message.VerifyEmbedded(ec),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // COSE_Sign1_Tagged = #6.18([protected: bstr, unprotected: map, payload: bstr / nil, signature: bstr])
    private static byte[] ReadSignatureBytes(ReadOnlyMemory<byte> envelope, string where)
    {
        try
        {
            var reader = new CborReader(envelope, CborConformanceMode.Lax);
            if (reader.PeekState() != CborReaderState.Tag || reader.ReadTag() != (CborTag)18)
            {
                throw new NotationEnvelopeException($"{where}: not a COSE_Sign1_Tagged message (CBOR tag 18)");
            }
            if (reader.ReadStartArray() != 4)
            {
                throw new NotationEnvelopeException($"{where}: COSE_Sign1 must be an array of 4 items");
            }
            reader.SkipValue();
            reader.SkipValue();
            reader.SkipValue();
            var signature = reader.ReadByteString();
            reader.ReadEndArray();
            if (reader.BytesRemaining != 0)
            {
                throw new NotationEnvelopeException($"{where}: {reader.BytesRemaining} bytes after the COSE_Sign1 message");
            }
            return signature;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException)
        {
            throw new NotationEnvelopeException($"{where}: malformed CBOR: {ex.Message}", ex);
        }
    }

    private static List<string> Critical(CoseHeaderMap headers, string where)
    {
        if (!headers.TryGetValue(CoseHeaderLabel.CriticalHeaders, out var value))
        {
            return [];
        }
        var names = new List<string>();
        try
        {
            var reader = new CborReader(value.EncodedValue);
            var count = reader.ReadStartArray();
            while (reader.PeekState() != CborReaderState.EndArray)
            {
                names.Add(reader.PeekState() == CborReaderState.TextString
                    ? reader.ReadTextString()
                    : "label " + reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            reader.ReadEndArray();
            _ = count;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException)
        {
            throw new NotationEnvelopeException($"{where}: 'crit' (label 2) is not an array of labels", ex);
        }
        return names;
    }

    private static DateTimeOffset? Time(CoseHeaderMap headers, string name, string where)
    {
        if (!headers.TryGetValue(new CoseHeaderLabel(name), out var value))
        {
            return null;
        }
        try
        {
            var reader = new CborReader(value.EncodedValue);
            return reader.ReadUnixTimeSeconds();
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException)
        {
            throw new NotationEnvelopeException($"{where}: {name} is not a tag-1 epoch time", ex);
        }
    }

    private static List<X509Certificate2> Certificates(CoseHeaderValue value, string where)
    {
        var chain = new List<X509Certificate2>();
        try
        {
            var reader = new CborReader(value.EncodedValue);
            if (reader.PeekState() == CborReaderState.ByteString)
            {
                chain.Add(CertificateDecoder.FromDer(reader.ReadByteString()));
            }
            else
            {
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    chain.Add(CertificateDecoder.FromDer(reader.ReadByteString()));
                }
                reader.ReadEndArray();
            }
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or CryptographicException)
        {
            throw new NotationEnvelopeException($"{where}: x5chain (label 33) is not a list of DER certificates: {ex.Message}", ex);
        }
        if (chain.Count == 0)
        {
            throw new NotationEnvelopeException($"{where}: x5chain (label 33) is empty");
        }
        return chain;
    }

    private static int Int(CoseHeaderValue value, string name, string where)
    {
        try
        {
            return value.GetValueAsInt32();
        }
        catch (Exception ex) when (ex is InvalidOperationException or CborContentException)
        {
            throw new NotationEnvelopeException($"{where}: '{name}' is not an integer", ex);
        }
    }

    private static string Text(CoseHeaderValue value, string name, string where)
    {
        try
        {
            return value.GetValueAsString();
        }
        catch (Exception ex) when (ex is InvalidOperationException or CborContentException)
        {
            throw new NotationEnvelopeException($"{where}: '{name}' is not a text string", ex);
        }
    }

    private static byte[] Bytes(CoseHeaderValue value, string name, string where)
    {
        try
        {
            return value.GetValueAsBytes();
        }
        catch (Exception ex) when (ex is InvalidOperationException or CborContentException)
        {
            throw new NotationEnvelopeException($"{where}: '{name}' is not a byte string", ex);
        }
    }
}
