using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Keyless;

/// <summary>Loads one DER or PEM certificate the same way on every target framework.</summary>
internal static class DerCertificate
{
    /// <summary>Loads a DER certificate; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it is not one.</summary>
    public static X509Certificate2 Load(byte[] der)
    {
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadCertificate(der);
#else
        return new X509Certificate2(der);
#endif
    }

    /// <summary>The DER SubjectPublicKeyInfo of a DER certificate.</summary>
    public static byte[] SubjectPublicKeyInfo(byte[] der)
    {
        using var certificate = Load(der);
        return certificate.PublicKey.ExportSubjectPublicKeyInfo();
    }

    /// <summary>Every <c>CERTIFICATE</c> block of a PEM text, in order, as DER.</summary>
    public static List<byte[]> PemBlocks(string pem)
    {
        var blocks = new List<byte[]>();
        var rest = pem.AsSpan();
        while (System.Security.Cryptography.PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                var der = new byte[fields.DecodedDataLength];
                if (Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written))
                {
                    blocks.Add(der.AsSpan(0, written).ToArray());
                }
            }

            rest = rest[fields.Location.End..];
        }

        return blocks;
    }
}
