using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Notation;

/// <summary>Algorithm names in both envelopes, and the one algorithm a certificate's key allows (signature specification, Algorithm Selection).</summary>
internal static class NotationAlgorithms
{
    public static NotationSignatureAlgorithm? FromCose(int value) => value switch
    {
        -37 => NotationSignatureAlgorithm.RsassaPssSha256,
        -38 => NotationSignatureAlgorithm.RsassaPssSha384,
        -39 => NotationSignatureAlgorithm.RsassaPssSha512,
        -7 => NotationSignatureAlgorithm.EcdsaSha256,
        -35 => NotationSignatureAlgorithm.EcdsaSha384,
        -36 => NotationSignatureAlgorithm.EcdsaSha512,
        _ => null,
    };

    public static NotationSignatureAlgorithm? FromJws(string? value) => value switch
    {
        "PS256" => NotationSignatureAlgorithm.RsassaPssSha256,
        "PS384" => NotationSignatureAlgorithm.RsassaPssSha384,
        "PS512" => NotationSignatureAlgorithm.RsassaPssSha512,
        "ES256" => NotationSignatureAlgorithm.EcdsaSha256,
        "ES384" => NotationSignatureAlgorithm.EcdsaSha384,
        "ES512" => NotationSignatureAlgorithm.EcdsaSha512,
        _ => null,
    };

    /// <summary>The name Notation prints (<c>RSASSA-PSS-SHA-384</c>, <c>ECDSA-SHA-256</c>).</summary>
    public static string DisplayName(NotationSignatureAlgorithm algorithm) => algorithm switch
    {
        NotationSignatureAlgorithm.RsassaPssSha256 => "RSASSA-PSS-SHA-256",
        NotationSignatureAlgorithm.RsassaPssSha384 => "RSASSA-PSS-SHA-384",
        NotationSignatureAlgorithm.RsassaPssSha512 => "RSASSA-PSS-SHA-512",
        NotationSignatureAlgorithm.EcdsaSha256 => "ECDSA-SHA-256",
        NotationSignatureAlgorithm.EcdsaSha384 => "ECDSA-SHA-384",
        _ => "ECDSA-SHA-512",
    };

    public static HashAlgorithmName Hash(NotationSignatureAlgorithm algorithm) => algorithm switch
    {
        NotationSignatureAlgorithm.RsassaPssSha256 or NotationSignatureAlgorithm.EcdsaSha256 => HashAlgorithmName.SHA256,
        NotationSignatureAlgorithm.RsassaPssSha384 or NotationSignatureAlgorithm.EcdsaSha384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    /// <summary>The algorithm the certificate's key dictates, or null with the reason when the key is not allowed.</summary>
    public static NotationSignatureAlgorithm? ForCertificate(X509Certificate2 certificate, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = Certificates.PublicKeys.Import(certificate);
        return ForKey(key, out reason);
    }

    /// <summary>The one algorithm the Notary Project allows for <paramref name="key"/> (a certificate's public key), or null with the reason.</summary>
    public static NotationSignatureAlgorithm? ForKey(AsymmetricAlgorithm? key, out string? reason)
    {
        reason = null;
        if (key is RSA rsa)
        {
            switch (rsa.KeySize)
            {
                case 2048: return NotationSignatureAlgorithm.RsassaPssSha256;
                case 3072: return NotationSignatureAlgorithm.RsassaPssSha384;
                case 4096: return NotationSignatureAlgorithm.RsassaPssSha512;
                default:
                    reason = $"RSA key of {rsa.KeySize} bits; Notary Project signing keys are RSA 2048, 3072 or 4096";
                    return null;
            }
        }
        if (key is ECDsa ec)
        {
            switch (ec.KeySize)
            {
                case 256: return NotationSignatureAlgorithm.EcdsaSha256;
                case 384: return NotationSignatureAlgorithm.EcdsaSha384;
                case 521: return NotationSignatureAlgorithm.EcdsaSha512;
                default:
                    reason = $"EC key of {ec.KeySize} bits; Notary Project signing keys are P-256, P-384 or P-521";
                    return null;
            }
        }
        reason = "the key is neither RSA nor ECDSA";
        return null;
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/> (ECDSA signatures raw r||s, RSA with PSS).</summary>
    public static bool Verify(AsymmetricAlgorithm key, NotationSignatureAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var hash = Hash(algorithm);
        if (algorithm is NotationSignatureAlgorithm.RsassaPssSha256 or NotationSignatureAlgorithm.RsassaPssSha384 or NotationSignatureAlgorithm.RsassaPssSha512)
        {
            return key is RSA rsa && rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pss);
        }
        return key is ECDsa ec && ec.VerifyData(data, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
