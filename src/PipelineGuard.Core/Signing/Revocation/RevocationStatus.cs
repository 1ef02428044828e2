namespace PipelineGuard.Signing.Revocation;

/// <summary>The revocation state of a certificate chain.</summary>
public enum RevocationStatus
{
    /// <summary>No certificate is revoked (or none names a CRL or OCSP responder).</summary>
    Good,

    /// <summary>A certificate is revoked.</summary>
    Revoked,

    /// <summary>The state of some certificate could not be determined (offline, unreachable, stale or invalid response).</summary>
    Unknown,
}

/// <summary>How the revocation state of one certificate was found.</summary>
public enum RevocationMethod
{
    /// <summary>Not checked: a root, or a certificate naming no CRL distribution point or OCSP responder.</summary>
    None,

    /// <summary>An OCSP response.</summary>
    Ocsp,

    /// <summary>A CRL fetched from a distribution point (or read from the cache).</summary>
    Crl,

    /// <summary>A CRL file supplied beside the trust store.</summary>
    CrlFile,
}

/// <summary>The revocation state of one certificate of a chain.</summary>
/// <param name="Subject">The certificate's subject.</param>
/// <param name="Status">Good, revoked or unknown.</param>
/// <param name="Method">How it was found.</param>
/// <param name="Message">Which server or file answered, or why none could.</param>
public sealed record CertificateRevocationResult(string Subject, RevocationStatus Status, RevocationMethod Method, string Message);

/// <summary>The outcome of a revocation check of one chain.</summary>
/// <param name="Status">Good, revoked or unknown.</param>
/// <param name="Message">What was checked, or which certificate is revoked or undetermined and why.</param>
public sealed record RevocationCheckResult(RevocationStatus Status, string Message)
{
    /// <summary>Each certificate's result, leaf first, when the checker looked at them one by one.</summary>
    public IReadOnlyList<CertificateRevocationResult> Certificates { get; init; } = [];
}
