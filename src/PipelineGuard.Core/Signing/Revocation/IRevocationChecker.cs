using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Revocation;

/// <summary>Checks whether any certificate of a chain is revoked (Notary Project trust policy specification, Certificate Revocation Evaluation).</summary>
public interface IRevocationChecker
{
    /// <summary>Checks <paramref name="chain"/> (leaf first, root last) at <paramref name="at"/>.</summary>
    /// <param name="chain">The verified chain, leaf first.</param>
    /// <param name="at">The time at which the certificates must not be revoked.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task<RevocationCheckResult> CheckAsync(IReadOnlyList<X509Certificate2> chain, DateTimeOffset at, CancellationToken cancellationToken = default);
}
