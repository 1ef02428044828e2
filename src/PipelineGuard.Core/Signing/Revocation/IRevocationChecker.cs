using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Revocation;

/// <summary>Checks whether any certificate of a chain is revoked (Notary Project trust policy specification, Certificate Revocation Evaluation).</summary>
public interface IRevocationChecker
{
    /// <summary>Checks <paramref name="chain"/> (leaf first, root last) at <paramref name="at"/>.</summary>
    /// <param name="chain">The verified chain, leaf first.</param>
    /// <param name="at">The time of the check: CRLs and OCSP responses must be current then.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task<RevocationCheckResult> CheckAsync(IReadOnlyList<X509Certificate2> chain, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks <paramref name="chain"/> at <paramref name="at"/>, knowing the authentic signing time: a certificate revoked
    /// with an invalidity date after <paramref name="authenticSigningTime"/> was not yet compromised when it signed.
    /// </summary>
    /// <param name="chain">The verified chain, leaf first.</param>
    /// <param name="at">The time of the check.</param>
    /// <param name="authenticSigningTime">The authentic signing time, when the signature has one; null otherwise.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task<RevocationCheckResult> CheckAsync(IReadOnlyList<X509Certificate2> chain, DateTimeOffset at, DateTimeOffset? authenticSigningTime, CancellationToken cancellationToken) =>
        CheckAsync(chain, at, cancellationToken);
}
