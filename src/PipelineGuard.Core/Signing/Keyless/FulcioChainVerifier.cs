using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Keyless;

/// <summary>Validates a signing certificate against the trusted root's Fulcio authorities at a verified time.</summary>
public static class FulcioChainVerifier
{
    private const string CodeSigningEku = "1.3.6.1.5.5.7.3.3";

    /// <summary>
    /// Builds the chain from <paramref name="leaf"/> to a Fulcio root of <paramref name="root"/>, valid at every one of
    /// <paramref name="times"/>, using only the trusted root's certificates (never the bundle's own intermediates or root).
    /// On success returns the certificate that issued the leaf (for the SCT's issuer key hash).
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
            $"the signing certificate (issuer '{leaf.Issuer}', valid {leaf.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}..{leaf.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}) " +
            $"does not chain to a Fulcio root of {root.Source}: {lastProblem ?? "the trusted root has no certificate authority"}"));
    }

    private static (X509Certificate2? Issuer, string Problem) TryChain(X509Certificate2 leaf, CertificateAuthority authority, IReadOnlyList<DateTimeOffset> times)
    {
        foreach (var time in times)
        {
            if (time < leaf.NotBefore.ToUniversalTime() || time > leaf.NotAfter.ToUniversalTime())
            {
                return (null, $"the certificate is not valid at the signing time {time:yyyy-MM-ddTHH:mm:ssZ}");
            }
        }

        X509Certificate2? issuer = null;
        foreach (var time in times)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority.Chain[^1]);
            for (var i = 0; i < authority.Chain.Count - 1; i++)
            {
                chain.ChainPolicy.ExtraStore.Add(authority.Chain[i]);
            }

            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.VerificationTime = time.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            if (!chain.Build(leaf))
            {
                var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
                return (null, $"{authority.Uri}: {(status.Length == 0 ? "no valid certificate path" : status)}");
            }

            issuer = chain.ChainElements.Count > 1 ? chain.ChainElements[1].Certificate : null;
        }

        return issuer is null ? (null, "the certificate is its own issuer") : (issuer, string.Empty);
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
