using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Certificates;

namespace PipelineGuard.Signing.Keyless;

/// <summary>Validates a signing certificate against the trusted root's Fulcio authorities at a verified time.</summary>
public static class FulcioChainVerifier
{
    private const string CodeSigningEku = "1.3.6.1.5.5.7.3.3";

    /// <summary>
    /// Builds the chain from <paramref name="leaf"/> to a Fulcio root of <paramref name="root"/>, valid at every one of
    /// <paramref name="times"/>, using only the trusted root's certificates (never the bundle's own intermediates or root).
    /// On success returns the certificate that issued the leaf (for the SCT's issuer key hash): the trusted root's own
    /// instance, which the caller must not dispose.
    /// </summary>
    public static (X509Certificate2? Issuer, VerificationResult Status) Verify(X509Certificate2 leaf, TrustedRoot root, IReadOnlyList<DateTimeOffset> times)
    {
        if (!HasCodeSigningEku(leaf))
        {
            return (null, VerificationResult.Reject(VerificationFailure.UntrustedCertificate, "the signing certificate has no code-signing extended key usage"));
        }

        string? lastProblem = null;
        foreach (var authority in root.CertificateAuthorities)
        {
            if (!times.All(authority.ValidFor.Contains))
            {
                lastProblem ??= $"no Fulcio authority of the trusted root was valid at {Describe(times)}";
                continue;
            }

            var (issuer, problem) = TryChain(leaf, authority, times);
            if (issuer is not null)
            {
                return (issuer, VerificationResult.Valid($"certificate chains to {authority.Uri} ({authority.Chain[^1].Subject}) at {Describe(times)}"));
            }

            lastProblem = problem;
        }

        return (null, VerificationResult.Reject(VerificationFailure.UntrustedCertificate,
            string.Create(CultureInfo.InvariantCulture, $"the signing certificate (issuer '{leaf.Issuer}', valid {leaf.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}..{leaf.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}) ") +
            $"does not chain to a Fulcio root of {root.Source}: {lastProblem ?? "the trusted root has no certificate authority"}"));
    }

    // Extensions a certificate of the path may mark critical: what this check enforces (basicConstraints, keyUsage,
    // extendedKeyUsage on the leaf) or what carries no constraint on the path (names, key identifiers, policies, which
    // are not enforced without an explicit policy, as X509Chain does not either). Any other critical extension
    // (name constraints among them) refuses the path.
    private static readonly HashSet<string> UnderstoodCritical = new(StringComparer.Ordinal)
    {
        "2.5.29.15", "2.5.29.19", "2.5.29.37", "2.5.29.17", "2.5.29.18", "2.5.29.14", "2.5.29.35", "2.5.29.32",
    };

    // The trusted root's own certificates are checked once per authority (their signatures and shapes do not depend on the bundle).
    private static readonly ConditionalWeakTable<CertificateAuthority, string?> AuthorityProblems = new();

    /// <summary>
    /// RFC 5280 path validation from <paramref name="leaf"/> to the authority's root, built only from the authority's
    /// certificates: each certificate issued (name and signature) by the next, every issuer a CA (critical or not
    /// basicConstraints CA=true, keyCertSign when keyUsage is present, path length respected), no unknown critical
    /// extension, and every certificate valid at every one of <paramref name="times"/>. It replaces an X509Chain build
    /// per call, which cost most of a bundle's verification.
    /// </summary>
    private static (X509Certificate2? Issuer, string Problem) TryChain(X509Certificate2 leaf, CertificateAuthority authority, IReadOnlyList<DateTimeOffset> times)
    {
        foreach (var time in times)
        {
            if (time < leaf.NotBefore.ToUniversalTime() || time > leaf.NotAfter.ToUniversalTime())
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"the certificate is not valid at the signing time {time:yyyy-MM-ddTHH:mm:ssZ}"));
            }
        }

        var authorityProblem = AuthorityProblems.GetValue(authority, CheckAuthority);
        if (authorityProblem is not null)
        {
            return (null, $"{authority.Uri}: {authorityProblem}");
        }

        var leafCritical = UnknownCritical(leaf);
        if (leafCritical is not null)
        {
            return (null, $"{authority.Uri}: the signing certificate has the unsupported critical extension {leafCritical}");
        }

        // The leaf's issuer: an authority certificate with its issuer's name whose key made its signature.
        X509Certificate2? issuer = null;
        var index = -1;
        string? signatureProblem = null;
        for (var i = 0; i < authority.Chain.Count; i++)
        {
            var candidate = authority.Chain[i];
            if (!candidate.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData))
            {
                continue;
            }

            signatureProblem = SignedDataVerifier.CertificateProblem(leaf, candidate);
            if (signatureProblem is null)
            {
                (issuer, index) = (candidate, i);
                break;
            }
        }

        if (issuer is null)
        {
            return (null, $"{authority.Uri}: {(signatureProblem is null ? $"no certificate of the authority is named '{leaf.Issuer}'" : "the signing certificate's signature: " + signatureProblem)}");
        }

        // Every certificate from the issuer to the root (the authority's chain is ordered issuer first, root last) must be valid at every time.
        for (var i = index; i < authority.Chain.Count; i++)
        {
            var certificate = authority.Chain[i];
            foreach (var time in times)
            {
                if (time < certificate.NotBefore.ToUniversalTime() || time > certificate.NotAfter.ToUniversalTime())
                {
                    return (null, string.Create(CultureInfo.InvariantCulture, $"{authority.Uri}: '{certificate.Subject}' is not valid at {time:yyyy-MM-ddTHH:mm:ssZ}"));
                }
            }

            var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is { HasPathLengthConstraint: true } && i - index > constraints.PathLengthConstraint)
            {
                return (null, $"{authority.Uri}: '{certificate.Subject}' allows {constraints.PathLengthConstraint} intermediate CAs below it, the path has {i - index}");
            }
        }

        return (issuer, string.Empty);
    }

    private static string? CheckAuthority(CertificateAuthority authority)
    {
        if (authority.Chain.Count == 0)
        {
            return "the authority has no certificate";
        }

        for (var i = 0; i < authority.Chain.Count; i++)
        {
            var certificate = authority.Chain[i];
            var issuer = i + 1 < authority.Chain.Count ? authority.Chain[i + 1] : certificate;
            if (!certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
            {
                return i + 1 < authority.Chain.Count
                    ? $"'{certificate.Subject}' is not issued by the next certificate of the authority's chain, '{issuer.Subject}'"
                    : $"the authority's chain ends at '{certificate.Subject}', which is not self-issued";
            }

            var signature = SignedDataVerifier.CertificateProblem(certificate, issuer);
            if (signature is not null)
            {
                return $"'{certificate.Subject}': {signature}";
            }

            var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is not { CertificateAuthority: true })
            {
                return $"'{certificate.Subject}' is not a CA certificate (basicConstraints CA=true)";
            }

            var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
            if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
            {
                return $"'{certificate.Subject}' may not sign certificates (its keyUsage lacks keyCertSign)";
            }

            var critical = UnknownCritical(certificate);
            if (critical is not null)
            {
                return $"'{certificate.Subject}' has the unsupported critical extension {critical}";
            }
        }

        return null;
    }

    private static string? UnknownCritical(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Critical && extension.Oid?.Value is { } oid && !UnderstoodCritical.Contains(oid))
            {
                return oid;
            }
        }

        return null;
    }

    private static bool HasCodeSigningEku(X509Certificate2 leaf)
    {
        foreach (var extension in leaf.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension eku)
            {
                foreach (var usage in eku.EnhancedKeyUsages)
                {
                    if (usage.Value == CodeSigningEku)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    internal static string Describe(IReadOnlyList<DateTimeOffset> times) =>
        string.Join(", ", times.Select(t => t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));
}
