using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Certificates;

namespace PipelineGuard.Signing.Timestamps;

/// <summary>
/// RFC 5280 path validation of a TSA certificate to one of the trusted TSA roots at a timestamp's generation time, done
/// here instead of with an X509Chain per token (which cost about a millisecond of each Notation verification). The path is
/// built from the certificates the token carries, the caller's extra intermediates and the roots, and it must end at a
/// trusted root (the anchor, matched byte for byte). Along the path:
/// <list type="bullet">
/// <item>each certificate names its issuer (subject and issuer names equal, byte for byte) and the issuer's key made its signature (no SHA-1);</item>
/// <item>every issuer is a CA: basicConstraints CA=true, keyCertSign when keyUsage is present, and its path length constraint holds;</item>
/// <item>every certificate of the path, the anchor included, is valid at the generation time;</item>
/// <item>a CA certificate with an extended key usage allows id-kp-timeStamping (or anyExtendedKeyUsage), as the platform's
/// application policy did; the TSA certificate's own usage is checked by the caller (exactly id-kp-timeStamping, critical);</item>
/// <item>a TSA certificate with a keyUsage allows digitalSignature or nonRepudiation;</item>
/// <item>no certificate carries a critical extension this check does not understand, and none carries name constraints,
/// which it does not enforce (so refuses rather than ignores).</item>
/// </list>
/// A self-issued anchor's own signature is checked once per anchor instance (it does not depend on the token).
/// </summary>
internal static class TsaChainValidator
{
    private const string TimeStampingUsage = "1.3.6.1.5.5.7.3.8";
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";
    private const string NameConstraints = "2.5.29.30";

    /// <summary>The longest path tried, signer and anchor included (real TSA chains have two or three certificates).</summary>
    private const int MaximumPathLength = 8;

    /// <summary>How many complete paths are weighed before giving up (cross-certified CAs can offer several).</summary>
    private const int MaximumPaths = 16;

    // Extensions a certificate of the path may mark critical: what this check enforces (basicConstraints, keyUsage,
    // extendedKeyUsage) or what carries no constraint on the path without an explicit policy (names, key identifiers,
    // certificate policies), as the platform chain builder treated them.
    private static readonly HashSet<string> UnderstoodCritical = new(StringComparer.Ordinal)
    {
        "2.5.29.15", "2.5.29.19", "2.5.29.37", "2.5.29.17", "2.5.29.18", "2.5.29.14", "2.5.29.35", "2.5.29.32",
    };

    // A trusted root's key and self-signature check, kept as long as the root instance (the trust store's) lives: neither
    // depends on the token. Verifications may run in parallel, so the key is used under its lock.
    private static readonly ConditionalWeakTable<X509Certificate2, AnchorKey> Anchors = new();

    /// <summary>The path signer..anchor (the candidates' own instances), or why there is none.</summary>
    /// <param name="signer">The TSA certificate that signed the token.</param>
    /// <param name="candidates">Every certificate that may complete the path: the token's, the extra intermediates and the roots.</param>
    /// <param name="roots">The trusted TSA roots.</param>
    /// <param name="time">The token's generation time.</param>
    public static (IReadOnlyList<X509Certificate2>? Path, string Problem) Validate(X509Certificate2 signer, IReadOnlyList<X509Certificate2> candidates, IReadOnlyList<X509Certificate2> roots, DateTimeOffset time)
    {
        var path = new List<X509Certificate2> { signer };
        string? firstProblem = null;
        var complete = 0;
        var found = Search(path, candidates, roots, time, ref firstProblem, ref complete);
        return found is not null
            ? (found, string.Empty)
            : (null, firstProblem ?? $"no path from '{signer.Subject}' reaches a trusted TSA root (its issuer '{signer.Issuer}' is neither a trusted root nor among the token's certificates)");
    }

    private static List<X509Certificate2>? Search(List<X509Certificate2> path, IReadOnlyList<X509Certificate2> candidates, IReadOnlyList<X509Certificate2> roots, DateTimeOffset time, ref string? firstProblem, ref int complete)
    {
        var current = path[^1];
        if (IsAnchor(current, roots))
        {
            complete++;
            var problem = PathProblem(path, time);
            if (problem is null)
            {
                return [.. path];
            }
            firstProblem ??= problem;
            return null;
        }
        if (path.Count >= MaximumPathLength || complete >= MaximumPaths)
        {
            firstProblem ??= path.Count >= MaximumPathLength ? $"the path from '{path[0].Subject}' is longer than {MaximumPathLength} certificates" : null;
            return null;
        }

        var issuerName = current.IssuerName.RawData;
        foreach (var candidate in candidates)
        {
            if (!candidate.SubjectName.RawData.AsSpan().SequenceEqual(issuerName) || path.Exists(c => SameCertificate(c, candidate)))
            {
                continue;
            }
            var signature = IsAnchor(candidate, roots)
                ? Anchors.GetValue(candidate, AnchorKey.Of).CertificateProblem(current)
                : SignedDataVerifier.CertificateProblem(current, candidate);
            if (signature is not null)
            {
                firstProblem ??= $"'{current.Subject}' names '{candidate.Subject}' as its issuer, but {signature}";
                continue;
            }
            path.Add(candidate);
            var found = Search(path, candidates, roots, time, ref firstProblem, ref complete);
            path.RemoveAt(path.Count - 1);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    // The checks that do not depend on how the path was found: time, CA constraints, usages and extensions.
    private static string? PathProblem(List<X509Certificate2> path, DateTimeOffset time)
    {
        var anchor = path[^1];
        if (anchor.SubjectName.RawData.AsSpan().SequenceEqual(anchor.IssuerName.RawData))
        {
            var selfSignature = Anchors.GetValue(anchor, AnchorKey.Of).SelfSignatureProblem;
            if (selfSignature is not null)
            {
                return $"the trusted TSA root '{anchor.Subject}' is self-issued, but {selfSignature}";
            }
        }

        for (var i = 0; i < path.Count; i++)
        {
            var certificate = path[i];
            if (time < certificate.NotBefore.ToUniversalTime() || time > certificate.NotAfter.ToUniversalTime())
            {
                return string.Create(CultureInfo.InvariantCulture, $"'{certificate.Subject}' is not valid at {time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (valid {certificate.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ})");
            }

            var extensionProblem = ExtensionProblem(certificate);
            if (extensionProblem is not null)
            {
                return extensionProblem;
            }

            if (i == 0)
            {
                var leafUsage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
                if (leafUsage is not null && (leafUsage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
                {
                    return $"the TSA certificate '{certificate.Subject}' has key usage {leafUsage.KeyUsages}, which allows neither digitalSignature nor nonRepudiation";
                }
                continue;
            }

            var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is not { CertificateAuthority: true })
            {
                return $"'{certificate.Subject}' issued '{path[i - 1].Subject}' but is not a CA certificate (basicConstraints CA=true)";
            }
            // RFC 5280 6.1.4 (l)/(m): the CAs below this one, not counting the TSA certificate and self-issued ones.
            var below = 0;
            for (var j = 1; j < i; j++)
            {
                if (!path[j].SubjectName.RawData.AsSpan().SequenceEqual(path[j].IssuerName.RawData))
                {
                    below++;
                }
            }
            if (constraints.HasPathLengthConstraint && below > constraints.PathLengthConstraint)
            {
                return $"'{certificate.Subject}' allows {constraints.PathLengthConstraint} intermediate CAs below it, the path has {below}";
            }
            var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
            if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
            {
                return $"'{certificate.Subject}' may not sign certificates (its keyUsage lacks keyCertSign)";
            }
            var extended = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            if (extended is not null && !AllowsTimestamping(extended))
            {
                return $"the CA certificate '{certificate.Subject}' has an extended key usage without timeStamping ({TimeStampingUsage}), so it may not certify a TSA";
            }
        }
        return null;
    }

    private static string? ExtensionProblem(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            var oid = extension.Oid?.Value;
            if (oid == NameConstraints)
            {
                return $"'{certificate.Subject}' has name constraints, which this check does not enforce";
            }
            if (extension.Critical && (oid is null || !UnderstoodCritical.Contains(oid)))
            {
                return $"'{certificate.Subject}' has the unsupported critical extension {oid}";
            }
        }
        return null;
    }

    private static bool AllowsTimestamping(X509EnhancedKeyUsageExtension extension)
    {
        foreach (var usage in extension.EnhancedKeyUsages)
        {
            if (usage.Value is TimeStampingUsage or AnyExtendedKeyUsage)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsAnchor(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> roots)
    {
        foreach (var root in roots)
        {
            if (SameCertificate(root, certificate))
            {
                return true;
            }
        }
        return false;
    }

    private static bool SameCertificate(X509Certificate2 a, X509Certificate2 b) =>
        ReferenceEquals(a, b) || a.RawDataMemory.Span.SequenceEqual(b.RawDataMemory.Span);

    private sealed class AnchorKey
    {
        private readonly object gate = new();
        private readonly X509Certificate2 anchor;
        private readonly System.Security.Cryptography.AsymmetricAlgorithm? key;
        private string? selfSignature;
        private bool selfSignatureChecked;

        private AnchorKey(X509Certificate2 anchor)
        {
            this.anchor = anchor;
            try
            {
                key = PublicKeys.Import(anchor);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // A key that does not import verifies nothing: every check against it fails.
                key = null;
            }
        }

        public string? SelfSignatureProblem
        {
            get
            {
                lock (gate)
                {
                    if (!selfSignatureChecked)
                    {
                        selfSignature = SignedDataVerifier.CertificateProblem(anchor, key, anchor.Subject);
                        selfSignatureChecked = true;
                    }
                    return selfSignature;
                }
            }
        }

        public static AnchorKey Of(X509Certificate2 anchor) => new(anchor);

        public string? CertificateProblem(X509Certificate2 certificate)
        {
            lock (gate)
            {
                return SignedDataVerifier.CertificateProblem(certificate, key, anchor.Subject);
            }
        }
    }
}
