using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Certificates;

namespace PipelineGuard.Signing.Notation;

/// <summary>
/// The certificate requirements of the Notary Project signature specification (Certificate Requirements): an ordered
/// chain leaf..root that contains its root, each certificate signed by the next (no SHA-1), CA certificates with
/// critical basicConstraints CA=true and keyCertSign, a leaf fit for code signing, RSA of 2048 bits or more and EC of 256 or more.
/// Validity in time is not checked here: it depends on the timestamp.
/// </summary>
internal static class NotationChain
{
    public const string CodeSigningUsage = "1.3.6.1.5.5.7.3.3";
    public const string TimeStampingUsage = "1.3.6.1.5.5.7.3.8";

    private static readonly Dictionary<string, string> ForbiddenLeafUsages = new(StringComparer.Ordinal)
    {
        ["2.5.29.37.0"] = "anyExtendedKeyUsage",
        ["1.3.6.1.5.5.7.3.1"] = "serverAuth",
        ["1.3.6.1.5.5.7.3.2"] = "clientAuth",
        ["1.3.6.1.5.5.7.3.4"] = "emailProtection",
        ["1.3.6.1.5.5.7.3.8"] = "timeStamping",
        ["1.3.6.1.5.5.7.3.9"] = "OCSPSigning",
    };

    /// <summary>Why the chain does not meet the requirements, or null when it does.</summary>
    public static string? Problem(IReadOnlyList<X509Certificate2> chain)
    {
        using var keys = new PublicKeys(chain);
        return Problem(chain, keys);
    }

    /// <summary>Why the chain does not meet the requirements, or null when it does; <paramref name="keys"/> are the chain's public keys.</summary>
    public static string? Problem(IReadOnlyList<X509Certificate2> chain, PublicKeys keys)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(keys);
        if (chain.Count == 0)
        {
            return "the certificate chain is empty";
        }
        for (var i = 0; i < chain.Count; i++)
        {
            var certificate = chain[i];
            var keyProblem = KeyProblem(certificate, keys[i]);
            if (keyProblem is not null)
            {
                return keyProblem;
            }
            var issuerIndex = i + 1 < chain.Count ? i + 1 : i;
            var issuer = chain[issuerIndex];
            if (!certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
            {
                return i + 1 < chain.Count
                    ? $"certificate '{certificate.Subject}' is not issued by the next certificate of the chain, '{issuer.Subject}' (the chain must be ordered leaf to root)"
                    : $"the chain ends at '{certificate.Subject}', which is not a self-signed root; the chain must contain its root";
            }
            var signatureProblem = SignatureProblem(certificate, issuer, keys[issuerIndex]);
            if (signatureProblem is not null)
            {
                return signatureProblem;
            }
        }
        var leafProblem = LeafProblem(chain[0], chain.Count == 1);
        if (leafProblem is not null)
        {
            return leafProblem;
        }
        for (var i = 1; i < chain.Count; i++)
        {
            var caProblem = AuthorityProblem(chain[i], intermediatesBelow: i - 1);
            if (caProblem is not null)
            {
                return caProblem;
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="issuer"/>'s key made <paramref name="certificate"/>'s signature.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        using var key = PublicKeys.Import(issuer);
        return SignatureProblem(certificate, issuer, key) is null;
    }

    private static string? LeafProblem(X509Certificate2 leaf, bool selfSigned)
    {
        var constraints = leaf.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (!selfSigned && constraints is { CertificateAuthority: true })
        {
            return $"the signing certificate '{leaf.Subject}' is a CA certificate";
        }
        var usage = leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is null || !usage.Critical || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            return $"the signing certificate '{leaf.Subject}' needs a critical keyUsage with digitalSignature";
        }
        const X509KeyUsageFlags forbidden = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment | X509KeyUsageFlags.KeyAgreement
            | X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.EncipherOnly | X509KeyUsageFlags.DecipherOnly;
        if ((usage.KeyUsages & forbidden) != 0)
        {
            return $"the signing certificate '{leaf.Subject}' has key usages {usage.KeyUsages & forbidden}, which a code-signing certificate must not have";
        }
        var extended = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (extended is not null)
        {
            var usages = extended.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value!).ToList();
            var bad = usages.Where(ForbiddenLeafUsages.ContainsKey).Select(u => ForbiddenLeafUsages[u]).ToList();
            if (bad.Count > 0)
            {
                return $"the signing certificate '{leaf.Subject}' has extended key usage {string.Join(", ", bad)}, which a code-signing certificate must not have";
            }
            if (!usages.Contains(CodeSigningUsage))
            {
                return $"the signing certificate '{leaf.Subject}' has an extended key usage without codeSigning ({CodeSigningUsage})";
            }
        }
        return null;
    }

    private static string? AuthorityProblem(X509Certificate2 authority, int intermediatesBelow)
    {
        var constraints = authority.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is null || !constraints.Critical || !constraints.CertificateAuthority)
        {
            return $"the CA certificate '{authority.Subject}' needs a critical basicConstraints with CA=true";
        }
        if (constraints.HasPathLengthConstraint && intermediatesBelow > constraints.PathLengthConstraint)
        {
            return $"the CA certificate '{authority.Subject}' allows {constraints.PathLengthConstraint} intermediate CAs below it, the chain has {intermediatesBelow}";
        }
        var usage = authority.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is null || !usage.Critical || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            return $"the CA certificate '{authority.Subject}' needs a critical keyUsage with keyCertSign";
        }
        return null;
    }

    private static string? KeyProblem(X509Certificate2 certificate, AsymmetricAlgorithm? key) => key switch
    {
        RSA rsa => rsa.KeySize < 2048 ? $"'{certificate.Subject}' has an RSA key of {rsa.KeySize} bits; at least 2048 are required" : null,
        ECDsa ec => ec.KeySize < 256 ? $"'{certificate.Subject}' has an EC key of {ec.KeySize} bits; at least 256 are required" : null,
        _ => $"'{certificate.Subject}' has a key that is neither RSA nor EC",
    };

    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
    private static string? SignatureProblem(X509Certificate2 certificate, X509Certificate2 issuer, AsymmetricAlgorithm? issuerKey)
    {
        try
        {
            var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var tbs = sequence.ReadEncodedValue();
            var algorithm = sequence.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var signature = sequence.ReadBitString(out _);
            var who = $"'{certificate.Subject}'";
            switch (oid)
            {
                case "1.2.840.113549.1.1.11":
                case "1.2.840.113549.1.1.12":
                case "1.2.840.113549.1.1.13":
                    {
                        var hash = oid.EndsWith("11", StringComparison.Ordinal) ? HashAlgorithmName.SHA256 : oid.EndsWith("12", StringComparison.Ordinal) ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA512;
                        return issuerKey is RSA rsa && rsa.VerifyData(tbs.Span, signature, hash, RSASignaturePadding.Pkcs1) ? null : $"the signature on {who} does not verify with the key of '{issuer.Subject}'";
                    }
                case "1.2.840.113549.1.1.10":
                    {
                        var hash = PssHash(algorithm);
                        return issuerKey is RSA rsa && hash is { } h && rsa.VerifyData(tbs.Span, signature, h, RSASignaturePadding.Pss) ? null : $"the signature on {who} does not verify with the key of '{issuer.Subject}'";
                    }
                case "1.2.840.10045.4.3.2":
                case "1.2.840.10045.4.3.3":
                case "1.2.840.10045.4.3.4":
                    {
                        var hash = oid.EndsWith('2') ? HashAlgorithmName.SHA256 : oid.EndsWith('3') ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA512;
                        return issuerKey is ECDsa ec && ec.VerifyData(tbs.Span, signature, hash, DSASignatureFormat.Rfc3279DerSequence) ? null : $"the signature on {who} does not verify with the key of '{issuer.Subject}'";
                    }
                case "1.2.840.113549.1.1.5":
                case "1.2.840.10045.4.1":
                    return $"{who} is signed with SHA-1, which the Notary Project does not accept";
                default:
                    return $"{who} is signed with algorithm {oid}, which is not supported";
            }
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException)
        {
            return $"'{certificate.Subject}' cannot be checked: {ex.Message}";
        }
    }

    // RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] AlgorithmIdentifier DEFAULT sha1, ... }; the salt length must be the hash length.
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
        var hashAlgorithm = parameters.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence().ReadObjectIdentifier();
        return hashAlgorithm switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => null,
        };
    }
}
