using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Testing.Pki;

/// <summary>Builds CRLs for a test CA with the base library's <see cref="CertificateRevocationListBuilder"/> (an encoder that is not the reader under test).</summary>
public static class TestCrl
{
    /// <summary>
    /// A CRL of <paramref name="issuer"/> (with its private key) listing <paramref name="revoked"/>, issued at
    /// <paramref name="thisUpdate"/> and due again at <paramref name="nextUpdate"/>.
    /// </summary>
    public static byte[] Build(X509Certificate2 issuer, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, IEnumerable<X509Certificate2>? revoked = null, X509RevocationReason? reason = X509RevocationReason.KeyCompromise, long number = 1)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked ?? [])
        {
            builder.AddEntry(certificate, thisUpdate.AddMinutes(-10), reason);
        }
        return builder.Build(issuer, new BigInteger(number), nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    /// <summary>
    /// A CRL that names <paramref name="issuer"/> as its issuer but is signed by <paramref name="forger"/>'s key: the
    /// signature cannot verify with the issuer's key.
    /// </summary>
    public static byte[] Forged(X509Certificate2 issuer, X509Certificate2 forger, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        using var key = forger.GetRSAPrivateKey() ?? throw new InvalidOperationException("the forger needs an RSA key");
        var builder = new CertificateRevocationListBuilder();
        return builder.Build(
            issuer.SubjectName,
            X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
            BigInteger.One,
            nextUpdate,
            HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false),
            thisUpdate);
    }
}
