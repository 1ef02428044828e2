using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Timestamps;

/// <summary>What a timestamp token's TSA certificate must chain to.</summary>
/// <param name="Roots">The trusted TSA roots (self-signed or trust anchors); a chain must end at one of them.</param>
/// <param name="Intermediates">
/// Certificates that may complete the chain besides those the token carries (for example a Sigstore trusted root's TSA
/// chain). Never trusted by themselves.
/// </param>
public sealed record TimestampTrust(IReadOnlyList<X509Certificate2> Roots, IReadOnlyList<X509Certificate2> Intermediates)
{
    /// <summary>Trust in <paramref name="roots"/> only, with no extra intermediates.</summary>
    public TimestampTrust(IReadOnlyList<X509Certificate2> roots)
        : this(roots, [])
    {
    }
}
