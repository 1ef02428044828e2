using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Testing.Pki;

/// <summary>Issues test certificates (with private keys) from a <see cref="CertificateProfile"/>.</summary>
public static class TestPki
{
    private static long serial = DateTime.UtcNow.Ticks;

    /// <summary>Issues a certificate for <paramref name="profile"/>, self-signed when <paramref name="issuer"/> is null.</summary>
    /// <param name="profile">What the certificate looks like.</param>
    /// <param name="issuer">The issuing CA, with its private key.</param>
    public static X509Certificate2 Issue(CertificateProfile profile, X509Certificate2? issuer = null)
    {
        var subject = new X500DistinguishedName(profile.Subject);
        using var key = NewKey(profile.Key);
        var request = key is RSA rsa
            ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        if (profile.IsCertificateAuthority)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        }
        else
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(profile.LeafKeyUsage, true));
        }
        if (profile.ExtendedKeyUsages is { } usages)
        {
            var oids = new OidCollection();
            foreach (var usage in usages)
            {
                oids.Add(new Oid(usage));
            }
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, profile.ExtendedKeyUsageCritical));
        }
        var subjectKeyId = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(subjectKeyId);
        if (profile.CrlUrl is { } crl)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crl]));
        }
        if (profile.OcspUrl is { } ocsp)
        {
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([ocsp, .. profile.MoreOcspUrls], null));
        }

        var serialNumber = BitConverter.GetBytes(Interlocked.Increment(ref serial));
        Array.Reverse(serialNumber);
        serialNumber[0] = (byte)((serialNumber[0] & 0x7F) | 0x01); // positive and minimally encoded (a leading zero byte is not DER)
        X509Certificate2 certificate;
        if (issuer is null)
        {
            certificate = request.Create(subject, Generator(key), profile.NotBefore, profile.NotAfter, serialNumber);
        }
        else
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
            using var issuerKey = PrivateKey(issuer);
            certificate = request.Create(issuer.SubjectName, Generator(issuerKey), profile.NotBefore, profile.NotAfter, serialNumber);
        }
        using (certificate)
        {
            return key is RSA r ? certificate.CopyWithPrivateKey(r) : certificate.CopyWithPrivateKey((ECDsa)key);
        }
    }

    /// <summary>The private key of a certificate this class issued.</summary>
    public static AsymmetricAlgorithm PrivateKey(X509Certificate2 certificate) =>
        (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()
        ?? throw new InvalidOperationException($"'{certificate.Subject}' has no private key");

    /// <summary>The certificate without its private key, as a verifier would see it.</summary>
    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    /// <summary>The certificate as PEM text.</summary>
    public static string Pem(X509Certificate2 certificate) => new(PemEncoding.Write("CERTIFICATE", certificate.RawData));

    private static AsymmetricAlgorithm NewKey(TestKeyKind kind) => kind switch
    {
        TestKeyKind.Rsa2048 => RSA.Create(2048),
        TestKeyKind.Rsa3072 => RSA.Create(3072),
        TestKeyKind.Rsa4096 => RSA.Create(4096),
        TestKeyKind.P256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        TestKeyKind.P384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        TestKeyKind.P521 => ECDsa.Create(ECCurve.NamedCurves.nistP521),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static X509SignatureGenerator Generator(AsymmetricAlgorithm key) => key is RSA rsa
        ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
        : X509SignatureGenerator.CreateForECDsa((ECDsa)key);
}
