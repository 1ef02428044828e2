using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Certificates;

namespace PipelineGuard.Signing.Revocation;

/// <summary>The certificate status an OCSP responder gives.</summary>
public enum OcspCertificateStatus
{
    /// <summary>Not revoked.</summary>
    Good,

    /// <summary>Revoked.</summary>
    Revoked,

    /// <summary>The responder does not know the certificate.</summary>
    Unknown,
}

/// <summary>What an OCSP response says about one certificate, after its signature and responder were checked.</summary>
/// <param name="Status">Good, revoked or unknown.</param>
/// <param name="RevocationTime">When it was revoked.</param>
/// <param name="Reason">The CRLReason, if given.</param>
/// <param name="InvalidityDate">The invalidityDate single-response extension, if given.</param>
/// <param name="DelegatedResponder">The responder certificate when the CA delegated signing to it, else null (the CA signed).</param>
/// <param name="ResponderNoCheck">Whether the delegated responder carries id-pkix-ocsp-nocheck.</param>
public sealed record OcspStatus(OcspCertificateStatus Status, DateTimeOffset? RevocationTime, int? Reason, DateTimeOffset? InvalidityDate, X509Certificate2? DelegatedResponder, bool ResponderNoCheck);

/// <summary>
/// Decodes and verifies an OCSP response (RFC 6960 section 4.2) for one certificate: a successful basic response, signed by
/// the issuing CA or by a responder the CA certified for OCSP signing (id-kp-OCSPSigning), with a single response for the
/// certificate that is current (thisUpdate not in the future, nextUpdate not passed).
/// </summary>
public static class OcspResponse
{
    private const string BasicResponseOid = "1.3.6.1.5.5.7.48.1.1";
    private const string OcspSigningUsage = "1.3.6.1.5.5.7.3.9";
    private const string NoCheckOid = "1.3.6.1.5.5.7.48.1.5";
    private const string InvalidityDateOid = "2.5.29.24";

    /// <summary>How far in the future a thisUpdate may be (clock skew between responder and verifier).</summary>
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    /// <summary>The status of <paramref name="certificate"/> (issued by <paramref name="issuer"/>) the response gives.</summary>
    /// <exception cref="RevocationDataException">The response is malformed, unsuccessful, badly signed, from an unauthorised responder, stale, or about another certificate.</exception>
    public static OcspStatus Verify(ReadOnlySpan<byte> response, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        try
        {
            return VerifyCore(response.ToArray(), certificate, issuer, now);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException)
        {
            throw new RevocationDataException("not a DER-encoded OCSP response: " + ex.Message, ex);
        }
    }

    private static OcspStatus VerifyCore(byte[] response, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset now)
    {
        var outer = new AsnReader(response, AsnEncodingRules.DER);
        var ocspResponse = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var status = ocspResponse.ReadEnumeratedBytes();
        if (status.Length != 1 || status.Span[0] != 0)
        {
            var code = status.Length == 1 ? status.Span[0] : -1;
            throw new RevocationDataException("the responder did not answer: " + code switch
            {
                1 => "malformedRequest",
                2 => "internalError",
                3 => "tryLater",
                5 => "sigRequired",
                6 => "unauthorized",
                _ => $"status {code}",
            });
        }
        var responseBytes = ocspResponse.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadSequence();
        var type = responseBytes.ReadObjectIdentifier();
        if (type != BasicResponseOid)
        {
            throw new RevocationDataException($"the response type {type} is not id-pkix-ocsp-basic");
        }
        var basic = new AsnReader(responseBytes.ReadOctetString(), AsnEncodingRules.DER).ReadSequence();
        var tbsEncoded = basic.ReadEncodedValue().ToArray();
        var algorithm = basic.ReadSequence();
        var signature = basic.ReadBitString(out _);
        var certificates = new List<X509Certificate2>();
        if (basic.HasData)
        {
            var certs = basic.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadSequence();
            while (certs.HasData)
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(certs.ReadEncodedValue().Span));
            }
        }
        basic.ThrowIfNotEmpty();

        var tbs = new AsnReader(tbsEncoded, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
        {
            var version = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            if (!version.TryReadInt32(out var v) || v != 0)
            {
                throw new RevocationDataException("the response's version is not v1");
            }
        }
        var responderTag = tbs.PeekTag();
        byte[]? responderName = null;
        byte[]? responderKeyHash = null;
        if (responderTag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
        {
            responderName = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)).ReadEncodedValue().ToArray();
        }
        else if (responderTag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
        {
            responderKeyHash = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)).ReadOctetString();
        }
        else
        {
            throw new RevocationDataException("the response's responderID is neither byName nor byKey");
        }
        tbs.ReadGeneralizedTime();
        var responses = tbs.ReadSequence();

        // The signer: the CA itself, or a certificate of the response the CA issued for OCSP signing.
        var signer = Matches(issuer, responderName, responderKeyHash)
            ? issuer
            : certificates.FirstOrDefault(c => Matches(c, responderName, responderKeyHash))
              ?? throw new RevocationDataException("the response is signed by a responder that is neither the issuing CA nor a certificate the response carries");
        var delegated = ReferenceEquals(signer, issuer) ? null : signer;
        if (delegated is not null)
        {
            var authorisation = DelegationProblem(delegated, issuer, now);
            if (authorisation is not null)
            {
                throw new RevocationDataException($"the responder '{delegated.Subject}' is not authorised by '{issuer.Subject}': {authorisation}");
            }
        }
        var signatureProblem = SignedDataVerifier.Problem(tbsEncoded, algorithm, signature, signer);
        if (signatureProblem is not null)
        {
            throw new RevocationDataException("the response's signature is invalid: " + signatureProblem);
        }

        while (responses.HasData)
        {
            var single = responses.ReadSequence();
            var certId = single.ReadSequence();
            if (!IsFor(certId, certificate, issuer))
            {
                continue;
            }
            var statusTag = single.PeekTag();
            OcspCertificateStatus certificateStatus;
            DateTimeOffset? revocationTime = null;
            int? reason = null;
            if (statusTag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                single.ReadNull(new Asn1Tag(TagClass.ContextSpecific, 0));
                certificateStatus = OcspCertificateStatus.Good;
            }
            else if (statusTag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
            {
                var revoked = single.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1));
                revocationTime = revoked.ReadGeneralizedTime();
                if (revoked.HasData)
                {
                    var bytes = revoked.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadEnumeratedBytes();
                    reason = bytes.Length == 1 ? bytes.Span[0] : -1;
                }
                certificateStatus = OcspCertificateStatus.Revoked;
            }
            else if (statusTag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2)))
            {
                single.ReadNull(new Asn1Tag(TagClass.ContextSpecific, 2));
                certificateStatus = OcspCertificateStatus.Unknown;
            }
            else
            {
                throw new RevocationDataException("the single response's certStatus is not good, revoked or unknown");
            }
            var thisUpdate = single.ReadGeneralizedTime();
            DateTimeOffset? nextUpdate = null;
            if (single.HasData && single.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                nextUpdate = single.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadGeneralizedTime();
            }
            DateTimeOffset? invalidity = null;
            if (single.HasData)
            {
                var extensions = single.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)).ReadSequence();
                foreach (var (oid, _, value) in CertificateRevocationList.ReadExtensions(extensions))
                {
                    if (oid == InvalidityDateOid)
                    {
                        invalidity = CertificateRevocationList.ReadGeneralizedTime(value);
                    }
                }
            }
            single.ThrowIfNotEmpty();
            if (thisUpdate > now + AllowedSkew)
            {
                throw new RevocationDataException($"the response's thisUpdate {CertificateRevocationList.Format(thisUpdate)} is in the future");
            }
            if (nextUpdate is null)
            {
                throw new RevocationDataException("the response has no nextUpdate, so its freshness cannot be judged");
            }
            if (now > nextUpdate.Value)
            {
                throw new RevocationDataException($"the response expired: its nextUpdate is {CertificateRevocationList.Format(nextUpdate.Value)}");
            }
            var noCheck = delegated?.Extensions.Cast<X509Extension>().Any(e => e.Oid?.Value == NoCheckOid) ?? false;
            return new OcspStatus(certificateStatus, revocationTime, reason, invalidity, delegated, noCheck);
        }
        throw new RevocationDataException($"the response has no status for the certificate with serial number {certificate.SerialNumber}");
    }

    // ResponderID byKey is the SHA-1 of the responder's public key (RFC 6960 4.2.1): it names the signer, the signature protects.
    private static bool Matches(X509Certificate2 candidate, byte[]? name, byte[]? keyHash) =>
        name is not null
            ? candidate.SubjectName.RawData.AsSpan().SequenceEqual(name)
            : OcspRequestEncoder.TryHash(OcspRequestEncoder.Sha1Oid, candidate.PublicKey.EncodedKeyValue.RawData).AsSpan().SequenceEqual(keyHash);

    private static string? DelegationProblem(X509Certificate2 responder, X509Certificate2 issuer, DateTimeOffset now)
    {
        if (!responder.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return $"it is issued by '{responder.Issuer}'";
        }
        var reader = new AsnReader(responder.RawData, AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue();
        var algorithm = reader.ReadSequence();
        var signature = reader.ReadBitString(out _);
        var signatureProblem = SignedDataVerifier.Problem(tbs.Span, algorithm, signature, issuer);
        if (signatureProblem is not null)
        {
            return "its certificate is not signed by the CA: " + signatureProblem;
        }
        var usage = responder.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (usage is null || !usage.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == OcspSigningUsage))
        {
            return "its certificate lacks the id-kp-OCSPSigning extended key usage";
        }
        if (now < responder.NotBefore.ToUniversalTime() || now > responder.NotAfter.ToUniversalTime())
        {
            return "its certificate is not valid now";
        }
        return null;
    }

    private static bool IsFor(AsnReader certId, X509Certificate2 certificate, X509Certificate2 issuer)
    {
        var algorithm = certId.ReadSequence();
        var hashOid = algorithm.ReadObjectIdentifier();
        var nameHash = certId.ReadOctetString();
        var keyHash = certId.ReadOctetString();
        var serial = certId.ReadIntegerBytes();
        certId.ThrowIfNotEmpty();
        var expectedName = OcspRequestEncoder.TryHash(hashOid, issuer.SubjectName.RawData);
        var expectedKey = OcspRequestEncoder.TryHash(hashOid, issuer.PublicKey.EncodedKeyValue.RawData);
        return expectedName is not null && expectedKey is not null
            && nameHash.AsSpan().SequenceEqual(expectedName)
            && keyHash.AsSpan().SequenceEqual(expectedKey)
            && CertificateRevocationList.SerialKey(serial.Span) == CertificateRevocationList.SerialKey(certificate.SerialNumberBytes.Span);
    }
}
