using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Certificates;

/// <summary>
/// The public keys of a certificate chain, each imported at most once for the length of one verification: importing a
/// key (OpenSSL decodes it afresh each time) costs more than the signature check it serves, and one chain's checks ask
/// for the same keys several times (key sizes, each certificate's signature, the envelope's signature).
/// </summary>
internal sealed class PublicKeys : IDisposable
{
    private readonly IReadOnlyList<X509Certificate2> certificates;
    private readonly AsymmetricAlgorithm?[] keys;
    private readonly bool[] imported;
    private bool disposed;

    /// <summary>The keys of <paramref name="certificates"/>, imported when first asked for.</summary>
    public PublicKeys(IReadOnlyList<X509Certificate2> certificates)
    {
        this.certificates = certificates;
        keys = new AsymmetricAlgorithm?[certificates.Count];
        imported = new bool[certificates.Count];
    }

    /// <summary>The RSA or ECDSA public key of certificate <paramref name="index"/>; null for another kind of key.</summary>
    public AsymmetricAlgorithm? this[int index]
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!imported[index])
            {
                keys[index] = Import(certificates[index]);
                imported[index] = true;
            }
            return keys[index];
        }
    }

    /// <summary>The RSA or ECDSA public key of <paramref name="certificate"/>, or null; the caller disposes it.</summary>
    public static AsymmetricAlgorithm? Import(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return (AsymmetricAlgorithm?)certificate.GetRSAPublicKey() ?? certificate.GetECDsaPublicKey();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        disposed = true;
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i]?.Dispose();
            keys[i] = null;
        }
    }
}
