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

/// <summary>The outcome of a revocation check of one chain.</summary>
/// <param name="Status">Good, revoked or unknown.</param>
/// <param name="Message">What was checked, or which certificate is revoked or undetermined and why.</param>
public sealed record RevocationCheckResult(RevocationStatus Status, string Message);
