using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Revocation;

/// <summary>The CRL distribution points and OCSP responders a certificate names.</summary>
internal static class RevocationEndpoints
{
    private const string CrlDistributionPoints = "2.5.29.31";
    private const string OcspMethod = "1.3.6.1.5.5.7.48.1";

    /// <summary>
    /// The URIs of the certificate's CRL distribution points (full names only), whatever their scheme: one that is not
    /// http(s) cannot be fetched, which makes the status unknown rather than the certificate unrevocable.
    /// </summary>
    public static IReadOnlyList<string> CrlUrls(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == CrlDistributionPoints);
        if (extension is null)
        {
            return [];
        }
        var urls = new List<string>();
        try
        {
            // CRLDistributionPoints ::= SEQUENCE OF DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames } ... }
            var points = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (points.HasData)
            {
                var point = points.ReadSequence();
                if (!point.HasData || !point.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    continue;
                }
                var name = point.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
                if (!name.HasData || !name.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    continue;
                }
                var generalNames = name.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
                while (generalNames.HasData)
                {
                    var tag = generalNames.PeekTag();
                    if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 6)))
                    {
                        urls.Add(generalNames.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6)));
                    }
                    else
                    {
                        generalNames.ReadEncodedValue();
                    }
                }
            }
        }
        catch (AsnContentException)
        {
            // A distribution point extension that does not decode still says the certificate is revocable.
            return ["(undecodable cRLDistributionPoints extension)"];
        }
        return urls;
    }

    /// <summary>The URIs of the certificate's OCSP responders (authority information access), whatever their scheme.</summary>
    public static IReadOnlyList<string> OcspUrls(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();
        try
        {
            return extension is null ? [] : extension.EnumerateUris(OcspMethod).ToList();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return ["(undecodable authorityInformationAccess extension)"];
        }
    }

    /// <summary>Whether the certificate names any way to check its revocation.</summary>
    public static bool HasAny(X509Certificate2 certificate) => CrlUrls(certificate).Count > 0 || OcspUrls(certificate).Count > 0;
}
