using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Revocation;

/// <summary>
/// Revocation without the network: a certificate that names no CRL distribution point or OCSP responder is not revoked
/// (the specification's rule); one that names them cannot be checked, so the chain's status is unknown.
/// </summary>
public sealed class OfflineRevocationChecker : IRevocationChecker
{
    /// <inheritdoc />
    public Task<RevocationCheckResult> CheckAsync(IReadOnlyList<X509Certificate2> chain, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var undetermined = chain.Where(RevocationEndpoints.HasAny).ToList();
        return Task.FromResult(undetermined.Count == 0
            ? new RevocationCheckResult(RevocationStatus.Good, "no certificate of the chain names a CRL or OCSP responder")
            : new RevocationCheckResult(RevocationStatus.Unknown, $"'{undetermined[0].Subject}' names a CRL or OCSP responder, which cannot be reached offline"));
    }
}
