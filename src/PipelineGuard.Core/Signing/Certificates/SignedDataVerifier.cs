using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Certificates;

/// <summary>
/// Verifies an X.509-style signature (a certificate, a CRL, an OCSP response): the signed bytes, the AlgorithmIdentifier and the signature
/// value against a certificate's public key. RSA PKCS#1 v1.5 and PSS with SHA-2, and ECDSA with SHA-2; SHA-1 is refused.
/// </summary>
internal static class SignedDataVerifier
{
    /// <summary>Why the signature does not verify, or null when it does.</summary>
    /// <param name="signed">The DER bytes that were signed (tbsCertificate, tbsCertList or tbsResponseData).</param>
    /// <param name="algorithm">A reader positioned on the AlgorithmIdentifier's contents (its OID first).</param>
    /// <param name="signature">The signature value.</param>
    /// <param name="signer">The certificate whose key must have made it.</param>
    public static string? Problem(ReadOnlySpan<byte> signed, AsnReader algorithm, byte[] signature, X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        AsymmetricAlgorithm? key;
        try
        {
            key = PublicKeys.Import(signer);
        }
        catch (CryptographicException ex)
        {
            return "its signature cannot be checked: " + ex.Message;
        }
        using (key)
        {
            return Problem(signed, algorithm, signature, key, signer.Subject);
        }
    }

    /// <summary>Why the signature does not verify with <paramref name="key"/>, or null when it does.</summary>
    /// <param name="signed">The DER bytes that were signed.</param>
    /// <param name="algorithm">A reader positioned on the AlgorithmIdentifier's contents (its OID first).</param>
    /// <param name="signature">The signature value.</param>
    /// <param name="key">The signer's RSA or ECDSA public key (null for another kind of key).</param>
    /// <param name="signerSubject">The signer's subject, for the message.</param>
    public static string? Problem(ReadOnlySpan<byte> signed, AsnReader algorithm, byte[] signature, AsymmetricAlgorithm? key, string signerSubject)
    {
        try
        {
            var oid = algorithm.ReadObjectIdentifier();
            switch (oid)
            {
                case "1.2.840.113549.1.1.11":
                case "1.2.840.113549.1.1.12":
                case "1.2.840.113549.1.1.13":
                    {
                        var hash = oid.EndsWith("11", StringComparison.Ordinal) ? HashAlgorithmName.SHA256 : oid.EndsWith("12", StringComparison.Ordinal) ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA512;
                        return key is RSA rsa && rsa.VerifyData(signed, signature, hash, RSASignaturePadding.Pkcs1) ? null : Mismatch(signerSubject);
                    }
                case "1.2.840.113549.1.1.10":
                    {
                        var hash = PssHash(algorithm);
                        return key is RSA rsa && hash is { } h && rsa.VerifyData(signed, signature, h, RSASignaturePadding.Pss) ? null : Mismatch(signerSubject);
                    }
                case "1.2.840.10045.4.3.2":
                case "1.2.840.10045.4.3.3":
                case "1.2.840.10045.4.3.4":
                    {
                        var hash = oid.EndsWith('2') ? HashAlgorithmName.SHA256 : oid.EndsWith('3') ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA512;
                        return key is ECDsa ec && ec.VerifyData(signed, signature, hash, DSASignatureFormat.Rfc3279DerSequence) ? null : Mismatch(signerSubject);
                    }
                case "1.2.840.113549.1.1.5":
                case "1.2.840.10045.4.1":
                    return "it is signed with SHA-1, which is not accepted";
                default:
                    return $"it is signed with algorithm {oid}, which is not supported";
            }
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException)
        {
            return "its signature cannot be checked: " + ex.Message;
        }
    }

    /// <summary>Why <paramref name="certificate"/>'s signature does not verify with <paramref name="issuer"/>'s key, or null when it does.</summary>
    public static string? CertificateProblem(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        AsymmetricAlgorithm? key;
        try
        {
            key = PublicKeys.Import(issuer);
        }
        catch (CryptographicException ex)
        {
            return "its signature cannot be checked: " + ex.Message;
        }
        using (key)
        {
            return CertificateProblem(certificate, key, issuer.Subject);
        }
    }

    /// <summary>Why <paramref name="certificate"/>'s signature does not verify with <paramref name="issuerKey"/>, or null when it does.</summary>
    public static string? CertificateProblem(X509Certificate2 certificate, AsymmetricAlgorithm? issuerKey, string issuerSubject)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
            var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
            var tbs = reader.ReadEncodedValue();
            var algorithm = reader.ReadSequence();
            var signature = reader.ReadBitString(out _);
            return Problem(tbs.Span, algorithm, signature, issuerKey, issuerSubject);
        }
        catch (AsnContentException ex)
        {
            return "the certificate does not decode: " + ex.Message;
        }
    }

    private static string Mismatch(string signerSubject) => $"its signature does not verify with the key of '{signerSubject}'";

    // RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] AlgorithmIdentifier DEFAULT sha1, ... }
    private static HashAlgorithmName? PssHash(AsnReader algorithm)
    {
        if (!algorithm.HasData)
        {
            return null;
        }
        var parameters = algorithm.ReadSequence();
        if (!parameters.HasData || !parameters.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            return null;
        }
        return parameters.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence().ReadObjectIdentifier() switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => null,
        };
    }
}
