using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Timestamps;

/// <summary>The outcome of verifying one RFC 3161 timestamp token.</summary>
/// <param name="Failure">Why it was rejected; <see cref="TimestampFailure.None"/> when it verified.</param>
/// <param name="Message">What was verified, or what was wrong, in words for the user.</param>
/// <param name="GenerationTime">The TSTInfo genTime; known once the token decoded, verified only when <see cref="IsValid"/>.</param>
/// <param name="Accuracy">The TSTInfo accuracy, or <see langword="null"/> when the token states none.</param>
/// <param name="HashAlgorithm">The message imprint's hash algorithm.</param>
/// <param name="PolicyId">The TSA policy under which the token was issued.</param>
/// <param name="SerialNumber">The token serial number, big-endian hex.</param>
/// <param name="TsaSubject">The subject of the certificate that signed the token, once it was found.</param>
/// <param name="Chain">The verified TSA chain, signer first and trusted root last; empty unless valid.</param>
public sealed record TimestampVerificationResult(
    TimestampFailure Failure,
    string Message,
    DateTimeOffset? GenerationTime,
    TimeSpan? Accuracy,
    HashAlgorithmName? HashAlgorithm,
    string? PolicyId,
    string? SerialNumber,
    X500DistinguishedName? TsaSubject,
    IReadOnlyList<X509Certificate2> Chain)
{
    /// <summary>Whether the token verified: imprint, signature, TSA usage and chain.</summary>
    public bool IsValid => Failure == TimestampFailure.None;

    /// <summary>
    /// The earliest and latest instants the token vouches for: genTime widened by its accuracy (RFC 3161 section 2.4.2),
    /// or by <paramref name="defaultAccuracy"/> when the token states none.
    /// </summary>
    /// <param name="defaultAccuracy">The accuracy to assume when the token has none (Notation uses one second).</param>
    public (DateTimeOffset Earliest, DateTimeOffset Latest) TimeRange(TimeSpan defaultAccuracy)
    {
        var time = GenerationTime ?? throw new InvalidOperationException("The token did not decode; it has no generation time.");
        var accuracy = Accuracy ?? defaultAccuracy;
        return (time - accuracy, time + accuracy);
    }
}
