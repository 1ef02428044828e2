using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PipelineGuard.Signing.Keyless;

/// <summary>The GitHub Actions workflow claims Fulcio writes into a certificate (the 1.3.6.1.4.1.57264.1.2-.6 extensions cosign checks).</summary>
/// <param name="Trigger">The event that triggered the workflow (<c>push</c>, <c>workflow_dispatch</c>...).</param>
/// <param name="Sha">The commit the workflow ran on.</param>
/// <param name="Name">The workflow's name.</param>
/// <param name="Repository">The repository, <c>owner/name</c>.</param>
/// <param name="Ref">The git ref (<c>refs/heads/main</c>).</param>
public sealed record GitHubWorkflowClaims(string? Trigger, string? Sha, string? Name, string? Repository, string? Ref)
{
    /// <summary>No claims.</summary>
    public static GitHubWorkflowClaims None { get; } = new(null, null, null, null, null);
}

/// <summary>Who a Fulcio certificate was issued to.</summary>
/// <param name="Subject">The SAN: an email address, a URI, or an other-name user name.</param>
/// <param name="Issuer">The OIDC issuer that vouched for the subject, or null when the certificate has none.</param>
/// <param name="GitHub">GitHub workflow claims, empty for other issuers.</param>
public sealed record CertificateIdentity(string Subject, string? Issuer, GitHubWorkflowClaims GitHub)
{
    private const string SanOid = "2.5.29.17";
    private const string IssuerV2Oid = "1.3.6.1.4.1.57264.1.8";
    private const string IssuerV1Oid = "1.3.6.1.4.1.57264.1.1";
    private const string UsernameOtherNameOid = "1.3.6.1.4.1.57264.1.7";

    /// <inheritdoc />
    public override string ToString() => Issuer is null ? Subject : $"{Subject} (issuer {Issuer})";

    /// <summary>Reads the identity of <paramref name="certificate"/>; fails when it has no SAN Fulcio would write.</summary>
    public static SigningResult<CertificateIdentity> Read(X509Certificate2 certificate)
    {
        string? subject = null;
        string? issuerV1 = null;
        string? issuerV2 = null;
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var extension in certificate.Extensions)
            {
                var oid = extension.Oid?.Value;
                switch (oid)
                {
                    case SanOid:
                        subject = ReadSan(extension.RawData);
                        break;
                    case IssuerV2Oid:
                        issuerV2 = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
                        break;
                    case IssuerV1Oid:
                        issuerV1 = Encoding.UTF8.GetString(extension.RawData);
                        break;
                    case not null when oid.StartsWith("1.3.6.1.4.1.57264.1.", StringComparison.Ordinal):
                        raw[oid] = oid is "1.3.6.1.4.1.57264.1.2" or "1.3.6.1.4.1.57264.1.3" or "1.3.6.1.4.1.57264.1.4" or "1.3.6.1.4.1.57264.1.5" or "1.3.6.1.4.1.57264.1.6"
                            ? Encoding.UTF8.GetString(extension.RawData)
                            : TryUtf8String(extension.RawData);
                        break;
                }
            }
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            return SigningResult<CertificateIdentity>.Failure($"the certificate's identity extensions are malformed: {e.Message}");
        }

        if (subject is null)
        {
            return SigningResult<CertificateIdentity>.Failure("the certificate has no subject alternative name (email, URI or user name)");
        }

        string? Claim(string legacy, string? modern = null) =>
            raw.TryGetValue(legacy, out var value) ? value : modern is not null && raw.TryGetValue(modern, out value) ? value : null;

        var github = new GitHubWorkflowClaims(
            Claim("1.3.6.1.4.1.57264.1.2", "1.3.6.1.4.1.57264.1.20"),
            Claim("1.3.6.1.4.1.57264.1.3", "1.3.6.1.4.1.57264.1.13"),
            Claim("1.3.6.1.4.1.57264.1.4"),
            Claim("1.3.6.1.4.1.57264.1.5"),
            Claim("1.3.6.1.4.1.57264.1.6", "1.3.6.1.4.1.57264.1.14"));
        return SigningResult<CertificateIdentity>.Success(new CertificateIdentity(subject, issuerV2 ?? issuerV1, github));
    }

    private static string TryUtf8String(byte[] raw)
    {
        try
        {
            return new AsnReader(raw, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
        }
        catch (AsnContentException)
        {
            return Encoding.UTF8.GetString(raw);
        }
    }

    private static string? ReadSan(byte[] raw)
    {
        var names = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence();
        string? otherName = null;
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                names.ReadEncodedValue();
                continue;
            }

            switch (tag.TagValue)
            {
                case 1: // rfc822Name
                    return names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 1));
                case 6: // uniformResourceIdentifier
                    return names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6));
                case 0: // otherName: Fulcio's user name
                    var other = names.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                    var typeId = other.ReadObjectIdentifier();
                    var value = other.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                    if (typeId == UsernameOtherNameOid)
                    {
                        otherName = value.ReadCharacterString(UniversalTagNumber.UTF8String);
                    }

                    break;
                default:
                    names.ReadEncodedValue();
                    break;
            }
        }

        return otherName;
    }
}
