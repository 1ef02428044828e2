using System.Formats.Asn1;

namespace PipelineGuard.Signing.Timestamps;

/// <summary>
/// RFC 3161 TimeStampResp handling: Sigstore bundles store the whole response (<c>PKIStatusInfo</c> then the token), Notation
/// only the token. <see cref="TokenOf"/> gives the token either way.
/// </summary>
public static class Rfc3161TimestampResponse
{
    /// <summary>
    /// The TimeStampToken in <paramref name="responseOrToken"/>: the token itself, or the token of a response whose status is
    /// granted (0) or grantedWithMods (1). Null with a reason when it is neither.
    /// </summary>
    public static (byte[]? Token, string? Error) TokenOf(byte[] responseOrToken)
    {
        try
        {
            var sequence = new AsnReader(responseOrToken, AsnEncodingRules.BER).ReadSequence();
            if (!sequence.HasData || sequence.PeekTag() != Asn1Tag.Sequence)
            {
                // A ContentInfo starts with its content type OID: this is the token.
                return (responseOrToken, null);
            }

            var status = sequence.ReadSequence();
            var code = status.ReadInteger();
            if (code != 0 && code != 1)
            {
                return (null, $"the timestamp response has status {code}, not granted");
            }

            if (!sequence.HasData)
            {
                return (null, "the timestamp response carries no token");
            }

            return (sequence.ReadEncodedValue().ToArray(), null);
        }
        catch (AsnContentException e)
        {
            return (null, $"the timestamp is not DER: {e.Message}");
        }
    }
}
