using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Testing.Pki;

/// <summary>What one test certificate looks like. Defaults make a code-signing leaf valid from 2020 to 2100.</summary>
/// <param name="Subject">The subject DN, as X500DistinguishedName parses it.</param>
public sealed record CertificateProfile(string Subject)
{
    /// <summary>The key type.</summary>
    public TestKeyKind Key { get; init; } = TestKeyKind.Rsa2048;

    /// <summary>Start of validity.</summary>
    public DateTimeOffset NotBefore { get; init; } = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>End of validity.</summary>
    public DateTimeOffset NotAfter { get; init; } = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Whether this is a CA (basicConstraints CA=true, keyUsage keyCertSign and cRLSign).</summary>
    public bool IsCertificateAuthority { get; init; }

    /// <summary>Key usage of a leaf; ignored for a CA.</summary>
    public X509KeyUsageFlags LeafKeyUsage { get; init; } = X509KeyUsageFlags.DigitalSignature;

    /// <summary>Extended key usage OIDs, or <see langword="null"/> for no extension.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsages { get; init; } = ["1.3.6.1.5.5.7.3.3"];

    /// <summary>Whether the extended key usage extension is critical.</summary>
    public bool ExtendedKeyUsageCritical { get; init; }

    /// <summary>A CRL distribution point URL, or <see langword="null"/>.</summary>
    public string? CrlUrl { get; init; }

    /// <summary>An OCSP responder URL (authority information access), or <see langword="null"/>.</summary>
    public string? OcspUrl { get; init; }

    /// <summary>More OCSP responder URLs, listed after <see cref="OcspUrl"/>.</summary>
    public IReadOnlyList<string> MoreOcspUrls { get; init; } = [];

    /// <summary>A CA profile with the given subject.</summary>
    public static CertificateProfile Authority(string subject) => new(subject) { IsCertificateAuthority = true, ExtendedKeyUsages = null };

    /// <summary>A timestamping (TSA) leaf profile: critical EKU of exactly id-kp-timeStamping.</summary>
    public static CertificateProfile TimestampAuthority(string subject) =>
        new(subject) { ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.8"], ExtendedKeyUsageCritical = true };
}
