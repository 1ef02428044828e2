using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Certificates;

/// <summary>Decodes X.509 certificates from DER or PEM, on every target framework, without touching a certificate store.</summary>
internal static class CertificateDecoder
{
    /// <summary>Decodes one DER certificate; throws <see cref="CryptographicException"/> when the bytes are not one.</summary>
    public static X509Certificate2 FromDer(ReadOnlySpan<byte> der)
    {
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadCertificate(der);
#else
        // X509Certificate2(byte[]) also accepts PKCS#12 and PKCS#7; only DER X.509 may come in here, so check the shape first.
        if (der.Length < 2 || der[0] != 0x30)
        {
            throw new CryptographicException("not a DER-encoded X.509 certificate");
        }
        return new X509Certificate2(der.ToArray());
#endif
    }

    /// <summary>
    /// Decodes every certificate in a file's bytes: one DER certificate, or any number of PEM <c>CERTIFICATE</c> blocks.
    /// Throws <see cref="CryptographicException"/> naming what is wrong when the content is neither.
    /// </summary>
    public static IReadOnlyList<X509Certificate2> FromDerOrPem(ReadOnlySpan<byte> content)
    {
        if (content.Length > 0 && content[0] == 0x30)
        {
            return [FromDer(content)];
        }
        var text = System.Text.Encoding.ASCII.GetString(content);
        var certificates = new List<X509Certificate2>();
        var remaining = text.AsSpan();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            var label = remaining[fields.Label];
            if (label.SequenceEqual("CERTIFICATE"))
            {
                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(remaining[fields.Base64Data], der, out var written))
                {
                    throw new CryptographicException("a PEM CERTIFICATE block holds invalid base64");
                }
                certificates.Add(FromDer(der.AsSpan(0, written)));
            }
            remaining = remaining[fields.Location.End..];
        }
        if (certificates.Count == 0)
        {
            throw new CryptographicException("neither a DER certificate nor PEM CERTIFICATE blocks");
        }
        return certificates;
    }
}
