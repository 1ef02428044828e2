using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Revocation;

/// <summary>
/// The OCSP request of RFC 6960 for one certificate: <c>OCSPRequest { tbsRequest { requestList { Request { CertID } } } }</c>,
/// unsigned and without a nonce, with the CertID hashed with SHA-1 as Notation does (the hash only names the certificate,
/// and it is the one every public responder answers).
/// </summary>
internal static class OcspRequestEncoder
{
    public const string Sha1Oid = "1.3.14.3.2.26";
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    /// <summary>The DER request for <paramref name="certificate"/>, issued by <paramref name="issuer"/>.</summary>
    public static byte[] Encode(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        WriteCertId(writer, certificate, issuer, Sha1Oid);
                    }
                }
            }
        }
        return writer.Encode();
    }

    /// <summary>The longest base64 request that goes by GET (RFC 5019 section 5 and Notation: shorter than 255 characters).</summary>
    public const int MaximumGetLength = 254;

    /// <summary>
    /// The GET URL for <paramref name="request"/> at responder <paramref name="responder"/> (RFC 6960 appendix A.1:
    /// <c>{url}/{url-encoding of base-64 encoding of the DER OCSPRequest}</c>), or null when the request must go by POST:
    /// its base64 form, or that form URL-encoded, is 255 characters or more (as Notation 1.3 decides), or the responder URL
    /// has a query or fragment the path could not follow.
    /// </summary>
    public static string? GetUrl(string responder, byte[] request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Uri.TryCreate(responder, UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }
        var encoded = Convert.ToBase64String(request);
        if (encoded.Length > MaximumGetLength)
        {
            return null;
        }
        var escaped = Uri.EscapeDataString(encoded);
        if (escaped.Length > MaximumGetLength)
        {
            return null;
        }
        var path = uri.GetLeftPart(UriPartial.Path);
        return path + (path.EndsWith('/') ? string.Empty : "/") + escaped;
    }

    /// <summary>Writes <c>CertID { hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber }</c>.</summary>
    public static void WriteCertId(AsnWriter writer, X509Certificate2 certificate, X509Certificate2 issuer, string hashOid)
    {
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(hashOid);
                writer.WriteNull();
            }
            writer.WriteOctetString(Hash(hashOid, issuer.SubjectName.RawData));
            writer.WriteOctetString(Hash(hashOid, issuer.PublicKey.EncodedKeyValue.RawData));
            writer.WriteInteger(certificate.SerialNumberBytes.Span);
        }
    }

    /// <summary>The hash <paramref name="hashOid"/> names, of <paramref name="data"/>; null for another algorithm.</summary>
    public static byte[]? TryHash(string hashOid, ReadOnlySpan<byte> data) => hashOid switch
    {
#pragma warning disable CA5350 // RFC 6960 names certificates by SHA-1 hashes; the hash identifies, the signature protects.
        Sha1Oid => SHA1.HashData(data),
#pragma warning restore CA5350
        Sha256Oid => SHA256.HashData(data),
        "2.16.840.1.101.3.4.2.2" => SHA384.HashData(data),
        "2.16.840.1.101.3.4.2.3" => SHA512.HashData(data),
        _ => null,
    };

    private static byte[] Hash(string hashOid, ReadOnlySpan<byte> data) => TryHash(hashOid, data) ?? throw new ArgumentOutOfRangeException(nameof(hashOid));
}
