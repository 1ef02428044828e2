namespace PipelineGuard.Signing;

/// <summary>The outcome of one verification: valid, or rejected with a specific reason.</summary>
/// <param name="Failure">Why it was rejected; <see cref="VerificationFailure.None"/> when valid.</param>
/// <param name="Message">What was checked or what was wrong, in words for the user.</param>
public sealed record VerificationResult(VerificationFailure Failure, string Message)
{
    /// <summary>Whether the verification passed.</summary>
    public bool IsValid => Failure == VerificationFailure.None;

    /// <summary>A pass.</summary>
    public static VerificationResult Valid(string message) => new(VerificationFailure.None, message);

    /// <summary>A rejection.</summary>
    public static VerificationResult Reject(VerificationFailure failure, string message) => new(failure, message);
}
