using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Testing.Pki;

/// <summary>Builds CRLs for a test CA with the base library's <see cref="CertificateRevocationListBuilder"/> (an encoder that is not the reader under test).</summary>
public static class TestCrl
{
    /// <summary>
    /// A CRL of <paramref name="issuer"/> (with its private key) listing <paramref name="revoked"/>, issued at
    /// <paramref name="thisUpdate"/> and due again at <paramref name="nextUpdate"/>.
    /// </summary>
    public static byte[] Build(X509Certificate2 issuer, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, IEnumerable<X509Certificate2>? revoked = null, X509RevocationReason? reason = X509RevocationReason.KeyCompromise, long number = 1)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked ?? [])
        {
            builder.AddEntry(certificate, thisUpdate.AddMinutes(-10), reason);
        }
        return builder.Build(issuer, new BigInteger(number), nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    /// <summary>
    /// A CRL that names <paramref name="issuer"/> as its issuer but is signed by <paramref name="forger"/>'s key: the
    /// signature cannot verify with the issuer's key.
    /// </summary>
    public static byte[] Forged(X509Certificate2 issuer, X509Certificate2 forger, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        using var key = forger.GetRSAPrivateKey() ?? throw new InvalidOperationException("the forger needs an RSA key");
        var builder = new CertificateRevocationListBuilder();
        return builder.Build(
            issuer.SubjectName,
            X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
            BigInteger.One,
            nextUpdate,
            HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false),
            thisUpdate);
    }

    /// <summary>The deltaCRLIndicator extension (critical) naming base CRL number <paramref name="baseNumber"/>: the CRL is a delta CRL.</summary>
    public static X509Extension DeltaIndicator(long baseNumber)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteInteger(baseNumber);
        return new X509Extension("2.5.29.27", writer.Encode(), critical: true);
    }

    /// <summary>The freshestCRL extension (non-critical) pointing to a delta CRL at <paramref name="url"/>.</summary>
    public static X509Extension FreshestCrl(string url) =>
        new("2.5.29.46", CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([url]).RawData, critical: false);

    /// <summary>
    /// A CRL of <paramref name="issuer"/> (RSA, with its private key) revoking nothing, with CRL number
    /// <paramref name="crlNumber"/>, the authority key identifier and <paramref name="extensions"/>; encoded here with
    /// AsnWriter, since the base library's builder takes no extra extensions.
    /// </summary>
    public static byte[] WithExtensions(X509Certificate2 issuer, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, IEnumerable<X509Extension> extensions, long crlNumber = 1)
    {
        var number = new AsnWriter(AsnEncodingRules.DER);
        number.WriteInteger(crlNumber);
        var all = new List<X509Extension>
        {
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false),
            new("2.5.29.20", number.Encode(), critical: false),
        };
        all.AddRange(extensions);

        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1);
            WriteAlgorithm(tbs);
            tbs.WriteEncodedValue(issuer.SubjectName.RawData);
            tbs.WriteUtcTime(thisUpdate);
            tbs.WriteUtcTime(nextUpdate);
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (tbs.PushSequence())
            {
                foreach (var extension in all)
                {
                    using (tbs.PushSequence())
                    {
                        tbs.WriteObjectIdentifier(extension.Oid!.Value!);
                        if (extension.Critical)
                        {
                            tbs.WriteBoolean(true);
                        }
                        tbs.WriteOctetString(extension.RawData);
                    }
                }
            }
        }
        var signed = tbs.Encode();
        using var key = issuer.GetRSAPrivateKey() ?? throw new InvalidOperationException("the issuer needs an RSA key");
        var signature = key.SignData(signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var crl = new AsnWriter(AsnEncodingRules.DER);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(signed);
            WriteAlgorithm(crl);
            crl.WriteBitString(signature);
        }
        return crl.Encode();
    }

    // sha256WithRSAEncryption with NULL parameters.
    private static void WriteAlgorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.1.11");
            writer.WriteNull();
        }
    }
}
