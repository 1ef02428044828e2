using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Testing.Pki;

/// <summary>What a test OCSP responder answers for a certificate.</summary>
public enum TestOcspAnswer
{
    /// <summary>certStatus good.</summary>
    Good,

    /// <summary>certStatus revoked (keyCompromise).</summary>
    Revoked,

    /// <summary>certStatus unknown.</summary>
    Unknown,
}

/// <summary>
/// Builds RFC 6960 OCSP responses (a basic response over the request's CertID, signed by the CA or by a delegated
/// responder certificate it carries) written here with AsnWriter, for the loopback responder.
/// </summary>
public static class TestOcspResponder
{
    /// <summary>The answer to <paramref name="request"/> (a DER OCSPRequest) with status <paramref name="answer"/>.</summary>
    /// <param name="request">The OCSPRequest bytes.</param>
    /// <param name="signer">Who signs: the CA, or a delegated responder (with its private key, included in the response).</param>
    /// <param name="answer">The certificate status.</param>
    /// <param name="thisUpdate">thisUpdate and producedAt.</param>
    /// <param name="nextUpdate">nextUpdate, or null to leave it out.</param>
    /// <param name="delegated">Whether <paramref name="signer"/> is a delegated responder whose certificate the response carries.</param>
    public static byte[] Respond(byte[] request, X509Certificate2 signer, TestOcspAnswer answer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, bool delegated = false)
    {
        // OCSPRequest { tbsRequest { requestList { Request { reqCert CertID } } } }: echo the CertID.
        var certId = new AsnReader(request, AsnEncodingRules.DER).ReadSequence().ReadSequence().ReadSequence().ReadSequence().ReadEncodedValue();

        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
            {
                tbs.WriteEncodedValue(signer.SubjectName.RawData);
            }
            tbs.WriteGeneralizedTime(thisUpdate, omitFractionalSeconds: true);
            using (tbs.PushSequence())
            {
                using (tbs.PushSequence())
                {
                    tbs.WriteEncodedValue(certId.Span);
                    switch (answer)
                    {
                        case TestOcspAnswer.Good:
                            tbs.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 0));
                            break;
                        case TestOcspAnswer.Revoked:
                            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                            {
                                tbs.WriteGeneralizedTime(thisUpdate.AddDays(-1), omitFractionalSeconds: true);
                                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                                {
                                    tbs.WriteEnumeratedValue(X509RevocationReason.KeyCompromise);
                                }
                            }
                            break;
                        default:
                            tbs.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 2));
                            break;
                    }
                    tbs.WriteGeneralizedTime(thisUpdate, omitFractionalSeconds: true);
                    if (nextUpdate is { } next)
                    {
                        using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                        {
                            tbs.WriteGeneralizedTime(next, omitFractionalSeconds: true);
                        }
                    }
                }
            }
        }
        var tbsBytes = tbs.Encode();
        using var key = signer.GetRSAPrivateKey() ?? throw new InvalidOperationException("the OCSP signer needs an RSA key");
        var signature = key.SignData(tbsBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var basic = new AsnWriter(AsnEncodingRules.DER);
        using (basic.PushSequence())
        {
            basic.WriteEncodedValue(tbsBytes);
            using (basic.PushSequence())
            {
                basic.WriteObjectIdentifier("1.2.840.113549.1.1.11");
                basic.WriteNull();
            }
            basic.WriteBitString(signature);
            if (delegated)
            {
                using (basic.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    using (basic.PushSequence())
                    {
                        basic.WriteEncodedValue(signer.RawData);
                    }
                }
            }
        }

        var response = new AsnWriter(AsnEncodingRules.DER);
        using (response.PushSequence())
        {
            response.WriteEnumeratedValue(OcspResponseStatus.Successful);
            using (response.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                using (response.PushSequence())
                {
                    response.WriteObjectIdentifier("1.3.6.1.5.5.7.48.1.1");
                    response.WriteOctetString(basic.Encode());
                }
            }
        }
        return response.Encode();
    }

    /// <summary>An unsuccessful OCSPResponse with <paramref name="status"/> and no response bytes.</summary>
    public static byte[] Unsuccessful(OcspResponseStatus status)
    {
        var response = new AsnWriter(AsnEncodingRules.DER);
        using (response.PushSequence())
        {
            response.WriteEnumeratedValue(status);
        }
        return response.Encode();
    }
}

/// <summary>The OCSPResponseStatus values of RFC 6960.</summary>
public enum OcspResponseStatus
{
    /// <summary>successful.</summary>
    Successful = 0,

    /// <summary>malformedRequest.</summary>
    MalformedRequest = 1,

    /// <summary>internalError.</summary>
    InternalError = 2,

    /// <summary>tryLater.</summary>
    TryLater = 3,
}
