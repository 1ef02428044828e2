using System.Security.Cryptography;

namespace PipelineGuard.Signing;

/// <summary>
/// The digest algorithms a bundle's <c>messageSignature.messageDigest</c> may name, as Sigstore's protobuf spells them
/// (<c>SHA2_256</c>, <c>SHA2_384</c>, <c>SHA2_512</c>), with Rekor's names and lengths. cosign 2.6 and later write
/// SHA2_384 for P-384 keys and SHA2_512 for P-521 keys.
/// </summary>
public sealed record MessageDigestAlgorithm(string Name, string RekorName, HashAlgorithmName Hash, int Length)
{
    /// <summary>SHA-256.</summary>
    public static readonly MessageDigestAlgorithm Sha256 = new("SHA2_256", "sha256", HashAlgorithmName.SHA256, 32);

    /// <summary>SHA-384.</summary>
    public static readonly MessageDigestAlgorithm Sha384 = new("SHA2_384", "sha384", HashAlgorithmName.SHA384, 48);

    /// <summary>SHA-512.</summary>
    public static readonly MessageDigestAlgorithm Sha512 = new("SHA2_512", "sha512", HashAlgorithmName.SHA512, 64);

    /// <summary>Every algorithm read.</summary>
    public static IReadOnlyList<MessageDigestAlgorithm> All { get; } = [Sha256, Sha384, Sha512];

    /// <summary>The algorithm named <paramref name="name"/> (<c>SHA2_384</c>), or null.</summary>
    public static MessageDigestAlgorithm? FromName(string? name) => All.FirstOrDefault(a => a.Name == name);

    /// <summary>
    /// The digest a signature algorithm hashes with (<c>ECDSA_P384_SHA384</c> gives SHA-384), or null when the algorithm
    /// signs the message itself (Ed25519), so any digest of the artifact may label it.
    /// </summary>
    public static MessageDigestAlgorithm? ForSignatureAlgorithm(string signatureAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(signatureAlgorithm);
        return signatureAlgorithm.EndsWith("_SHA256", StringComparison.Ordinal) ? Sha256
            : signatureAlgorithm.EndsWith("_SHA384", StringComparison.Ordinal) ? Sha384
            : signatureAlgorithm.EndsWith("_SHA512", StringComparison.Ordinal) ? Sha512
            : null;
    }

    /// <summary>The digest of <paramref name="data"/>.</summary>
    public byte[] HashData(ReadOnlySpan<byte> data) =>
        Length switch
        {
            48 => SHA384.HashData(data),
            64 => SHA512.HashData(data),
            _ => SHA256.HashData(data),
        };

    /// <summary>The digest as <c>sha256:hex</c>, as messages show it.</summary>
    public string Display(byte[] digest) => $"{RekorName}:{Convert.ToHexString(digest).ToLowerInvariant()}";
}
