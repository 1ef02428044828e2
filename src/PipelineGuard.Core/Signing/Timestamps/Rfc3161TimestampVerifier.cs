using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;

namespace PipelineGuard.Signing.Timestamps;

/// <summary>
/// Verifies RFC 3161 timestamp tokens (a CMS SignedData over a TSTInfo): the message imprint over the caller's data,
/// the CMS signature, the ESS signing-certificate binding (RFC 3161 section 2.4.1, RFC 5816), the TSA certificate's
/// timestamping usage (section 2.3) and its chain to the caller's trusted roots at the token's generation time (RFC 5280 path
/// validation, <see cref="TsaChainValidator"/>).
/// Revocation of the TSA chain is the caller's (it depends on the caller's policy); the verified chain is returned for it.
/// </summary>
public static class Rfc3161TimestampVerifier
{
    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";
    private const string SigningCertificateV1 = "1.2.840.113549.1.9.16.2.12";
    private const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
    private const string TimeStampingUsage = "1.3.6.1.5.5.7.3.8";
    private const string ExtendedKeyUsageExtension = "2.5.29.37";

    /// <summary>Tokens bigger than this are refused before decoding (real ones are a few kilobytes).</summary>
    public const int MaximumTokenSize = 256 * 1024;

    /// <summary>Verifies <paramref name="token"/> as a timestamp over <paramref name="data"/>, hashed with the imprint's algorithm.</summary>
    /// <param name="token">The DER TimeStampToken (a CMS ContentInfo), as in a Notation countersignature or a Sigstore bundle.</param>
    /// <param name="data">The bytes that were timestamped (for Notation and Sigstore: the signature bytes).</param>
    /// <param name="trust">The roots the TSA chain must reach, and optional extra intermediates.</param>
    public static TimestampVerificationResult VerifyForData(ReadOnlySpan<byte> token, ReadOnlySpan<byte> data, TimestampTrust trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        var decoded = Decode(token);
        if (decoded.Failure is not null)
        {
            return decoded.Failure;
        }
        var hash = Hash(decoded.HashAlgorithm, data);
        return VerifyDecoded(decoded, hash, trust);
    }

    /// <summary>Verifies <paramref name="token"/> as a timestamp over a hash the caller computed.</summary>
    /// <param name="token">The DER TimeStampToken.</param>
    /// <param name="hash">The hash of the timestamped data.</param>
    /// <param name="hashAlgorithm">The algorithm of <paramref name="hash"/>; the token's imprint must use the same.</param>
    /// <param name="trust">The roots the TSA chain must reach, and optional extra intermediates.</param>
    public static TimestampVerificationResult VerifyForHash(ReadOnlySpan<byte> token, ReadOnlySpan<byte> hash, HashAlgorithmName hashAlgorithm, TimestampTrust trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        var decoded = Decode(token);
        if (decoded.Failure is not null)
        {
            return decoded.Failure;
        }
        if (decoded.HashAlgorithm != hashAlgorithm)
        {
            return decoded.Reject(TimestampFailure.ImprintMismatch, $"the token's message imprint uses {decoded.HashAlgorithm.Name}, not {hashAlgorithm.Name}");
        }
        return VerifyDecoded(decoded, hash.ToArray(), trust);
    }

    private static TimestampVerificationResult VerifyDecoded(DecodedToken decoded, byte[] expectedHash, TimestampTrust trust)
    {
        var info = decoded.Info!;
        if (!CryptographicOperations.FixedTimeEquals(info.GetMessageHash().Span, expectedHash))
        {
            return decoded.Reject(TimestampFailure.ImprintMismatch, "the token's message imprint is not the hash of the timestamped data (the token was issued for other data)");
        }

        var cms = decoded.Cms!;
        var signer = cms.SignerInfos[0];
        if (!TryHashAlgorithm(signer.DigestAlgorithm.Value, out _))
        {
            return decoded.Reject(TimestampFailure.WeakOrUnsupportedHash, $"the token is signed with digest algorithm {signer.DigestAlgorithm.Value}; SHA-256, SHA-384 or SHA-512 is required");
        }

        var candidates = new List<X509Certificate2>();
        candidates.AddRange(cms.Certificates.Cast<X509Certificate2>());
        candidates.AddRange(trust.Intermediates);
        candidates.AddRange(trust.Roots);
        var signerCertificate = candidates.FirstOrDefault(c => Identifies(signer.SignerIdentifier, c));
        if (signerCertificate is null)
        {
            return decoded.Reject(TimestampFailure.SignerCertificateMissing, "the certificate that signed the token is neither in the token nor among the supplied certificates");
        }
        var withSigner = decoded with { TsaSubject = signerCertificate.SubjectName };

        var binding = CheckSigningCertificateAttribute(signer, signerCertificate);
        if (binding is not null)
        {
            return withSigner.Reject(TimestampFailure.SigningCertificateAttribute, binding);
        }

        try
        {
            signer.CheckSignature(new X509Certificate2Collection(signerCertificate), verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            return withSigner.Reject(TimestampFailure.SignatureInvalid, "the token's CMS signature does not verify: " + ex.Message);
        }

        var usage = CheckTimestampingUsage(signerCertificate);
        if (usage is not null)
        {
            return withSigner.Reject(TimestampFailure.TimestampingUsage, usage);
        }

        return VerifyChain(withSigner, signerCertificate, candidates, trust, info.Timestamp);
    }

    private static TimestampVerificationResult VerifyChain(DecodedToken decoded, X509Certificate2 signerCertificate, List<X509Certificate2> candidates, TimestampTrust trust, DateTimeOffset generationTime)
    {
        if (trust.Roots.Count == 0)
        {
            return decoded.Reject(TimestampFailure.ChainUntrusted, "no trusted TSA roots are configured");
        }
        var (path, problem) = TsaChainValidator.Validate(signerCertificate, candidates, trust.Roots, generationTime);
        if (path is null)
        {
            return decoded.Reject(TimestampFailure.ChainUntrusted, $"the TSA certificate '{signerCertificate.Subject}' does not chain to a trusted TSA root at {Format(generationTime)}: {problem}");
        }
        var root = path[^1];
        return decoded.Reject(TimestampFailure.None, $"timestamp {Format(generationTime)} by '{signerCertificate.Subject}', chained to '{root.Subject}'") with { Chain = path };
    }

    private static string? CheckTimestampingUsage(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.Cast<X509Extension>().Where(e => e.Oid?.Value == ExtendedKeyUsageExtension).ToList();
        if (extension.Count != 1)
        {
            return $"the TSA certificate '{certificate.Subject}' has no extended key usage extension; RFC 3161 requires exactly id-kp-timeStamping";
        }
        if (!extension[0].Critical)
        {
            return $"the TSA certificate '{certificate.Subject}' has a non-critical extended key usage; RFC 3161 requires it critical";
        }
        var usages = new X509EnhancedKeyUsageExtension(extension[0], critical: true).EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToList();
        if (usages.Count != 1 || usages[0] != TimeStampingUsage)
        {
            return $"the TSA certificate '{certificate.Subject}' has extended key usages [{string.Join(", ", usages)}]; RFC 3161 requires exactly id-kp-timeStamping ({TimeStampingUsage})";
        }
        return null;
    }

    // RFC 3161 2.4.1 / RFC 5816: the signer's certificate is bound by an ESSCertID(v2) in the signed attributes.
    private static string? CheckSigningCertificateAttribute(SignerInfo signer, X509Certificate2 certificate)
    {
        foreach (var attribute in signer.SignedAttributes)
        {
            var oid = attribute.Oid.Value;
            if (oid != SigningCertificateV1 && oid != SigningCertificateV2)
            {
                continue;
            }
            if (attribute.Values.Count != 1)
            {
                return "the signing-certificate attribute must hold exactly one value";
            }
            try
            {
                var (algorithm, expected) = FirstCertId(attribute.Values[0].RawData, oid == SigningCertificateV2);
                var actual = algorithm == HashAlgorithmName.SHA1 ? Sha1OfCertificate(certificate) : Hash(algorithm, certificate.RawDataMemory.Span);
                return CryptographicOperations.FixedTimeEquals(actual, expected)
                    ? null
                    : $"the signing-certificate attribute names another certificate than '{certificate.Subject}'";
            }
            catch (Exception ex) when (ex is AsnContentException or CryptographicException)
            {
                return "the signing-certificate attribute is malformed: " + ex.Message;
            }
        }
        return "the token's signed attributes carry no signing-certificate (ESSCertID or ESSCertIDv2) attribute";
    }

    // ESSCertID (v1) names the signer by its SHA-1 hash: an identifier the CMS signature covers, not a security property.
#pragma warning disable CA5350
    private static byte[] Sha1OfCertificate(X509Certificate2 certificate) => SHA1.HashData(certificate.RawDataMemory.Span);
#pragma warning restore CA5350

    // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies SEQUENCE OF PolicyInformation OPTIONAL }
    // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
    // ESSCertID ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial OPTIONAL }
    private static (HashAlgorithmName Algorithm, byte[] Hash) FirstCertId(byte[] encoded, bool v2)
    {
        var reader = new AsnReader(encoded, AsnEncodingRules.DER);
        var outer = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var certs = outer.ReadSequence();
        var first = certs.ReadSequence();
        var algorithm = v2 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
        if (v2 && first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var identifier = first.ReadSequence();
            var oid = identifier.ReadObjectIdentifier();
            if (!TryHashAlgorithm(oid, out algorithm))
            {
                throw new CryptographicException($"unsupported ESSCertIDv2 hash algorithm {oid}");
            }
        }
        return (algorithm, first.ReadOctetString());
    }

    private static bool Identifies(SubjectIdentifier identifier, X509Certificate2 certificate)
    {
        switch (identifier.Type)
        {
            case SubjectIdentifierType.IssuerAndSerialNumber:
                var issuerSerial = (X509IssuerSerial)identifier.Value!;
                return string.Equals(issuerSerial.SerialNumber, certificate.SerialNumber, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(issuerSerial.IssuerName, certificate.IssuerName.Name, StringComparison.Ordinal);
            case SubjectIdentifierType.SubjectKeyIdentifier:
                var keyId = (string)identifier.Value!;
                var extension = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
                return extension is not null && string.Equals(extension.SubjectKeyIdentifier, keyId, StringComparison.OrdinalIgnoreCase);
            default:
                return false;
        }
    }

    private static DecodedToken Decode(ReadOnlySpan<byte> token)
    {
        var empty = new DecodedToken(null, null, default, null, null, null, null);
        if (token.IsEmpty || token.Length > MaximumTokenSize)
        {
            return empty with { Failure = empty.Reject(TimestampFailure.MalformedToken, token.IsEmpty ? "the timestamp token is empty" : $"the timestamp token is larger than {MaximumTokenSize} bytes") };
        }
        var cms = new SignedCms();
        try
        {
            cms.Decode(token);
        }
        catch (CryptographicException ex)
        {
            return empty with { Failure = empty.Reject(TimestampFailure.MalformedToken, "the timestamp token is not a CMS SignedData: " + ex.Message) };
        }
        var contentType = cms.ContentInfo.ContentType.Value;
        if (contentType != TstInfoContentType)
        {
            return empty with { Failure = empty.Reject(TimestampFailure.WrongContentType, $"the timestamp token's content type is {contentType}, not id-ct-TSTInfo ({TstInfoContentType})") };
        }
        var content = cms.ContentInfo.Content;
        if (!Rfc3161TimestampTokenInfo.TryDecode(content, out var info, out var consumed) || consumed != content.Length)
        {
            return empty with { Failure = empty.Reject(TimestampFailure.MalformedTstInfo, "the timestamp token's TSTInfo does not decode (RFC 3161 section 2.4.2)") };
        }
        var decoded = new DecodedToken(cms, info, default, info.Timestamp, AccuracyOf(info), info.PolicyId.Value, Convert.ToHexString(info.GetSerialNumber().Span));
        if (!TryHashAlgorithm(info.HashAlgorithmId.Value, out var algorithm))
        {
            return decoded with { Failure = decoded.Reject(TimestampFailure.WeakOrUnsupportedHash, $"the message imprint uses hash algorithm {info.HashAlgorithmId.Value}; SHA-256, SHA-384 or SHA-512 is required") };
        }
        if (cms.SignerInfos.Count != 1)
        {
            return decoded with { Failure = decoded.Reject(TimestampFailure.SignerCount, $"the timestamp token has {cms.SignerInfos.Count} signers; RFC 3161 requires exactly one") };
        }
        return decoded with { HashAlgorithm = algorithm };
    }

    private static TimeSpan? AccuracyOf(Rfc3161TimestampTokenInfo info) =>
        info.AccuracyInMicroseconds is { } micros ? TimeSpan.FromTicks(checked(micros * 10)) : null;

    private static bool TryHashAlgorithm(string? oid, out HashAlgorithmName algorithm)
    {
        algorithm = oid switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => default,
        };
        return algorithm != default;
    }

    private static byte[] Hash(HashAlgorithmName algorithm, ReadOnlySpan<byte> data)
    {
        if (algorithm == HashAlgorithmName.SHA256)
        {
            return SHA256.HashData(data);
        }
        if (algorithm == HashAlgorithmName.SHA384)
        {
            return SHA384.HashData(data);
        }
        if (algorithm == HashAlgorithmName.SHA512)
        {
            return SHA512.HashData(data);
        }
        throw new CryptographicException($"unsupported hash algorithm {algorithm.Name}");
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);

    private sealed record DecodedToken(
        SignedCms? Cms,
        Rfc3161TimestampTokenInfo? Info,
        HashAlgorithmName HashAlgorithm,
        DateTimeOffset? GenerationTime,
        TimeSpan? Accuracy,
        string? PolicyId,
        string? SerialNumber)
    {
        public TimestampVerificationResult? Failure { get; init; }

        public X500DistinguishedName? TsaSubject { get; init; }

        public TimestampVerificationResult Reject(TimestampFailure failure, string message) =>
            new(failure, message, GenerationTime, Accuracy, HashAlgorithm == default ? null : HashAlgorithm, PolicyId, SerialNumber, TsaSubject, []);
    }
}
