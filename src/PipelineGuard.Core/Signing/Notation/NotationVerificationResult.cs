using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Oci;
using PipelineGuard.Signing.Revocation;
using PipelineGuard.Signing.Timestamps;

namespace PipelineGuard.Signing.Notation;

/// <summary>The outcome of one validation of a Notary Project signature.</summary>
/// <param name="Validation">Which validation.</param>
/// <param name="Action">Whether the level enforced or only logged it.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Message">What was checked, or what failed.</param>
public sealed record NotationValidationResult(NotationValidation Validation, ValidationAction Action, bool Passed, string Message)
{
    /// <summary>The validation's name as the trust policy spells it.</summary>
    public string Name => SignatureVerificationSettings.Name(Validation);
}

/// <summary>The outcome of verifying one Notary Project signature against a trust policy and store.</summary>
/// <param name="IsValid">No enforced validation failed (and a statement applied).</param>
/// <param name="Message">The first enforced failure, or a summary of what verified.</param>
/// <param name="Statement">The trust policy statement that applied, if any.</param>
/// <param name="Envelope">The decoded envelope, once it decoded.</param>
/// <param name="Validations">Every validation that ran, in order.</param>
/// <param name="Timestamp">The RFC 3161 countersignature's verification, when it ran.</param>
/// <param name="SignedArtifact">The descriptor the signature signs, once the payload decoded.</param>
public sealed record NotationVerificationResult(
    bool IsValid,
    string Message,
    TrustPolicyStatement? Statement,
    NotationEnvelope? Envelope,
    IReadOnlyList<NotationValidationResult> Validations,
    TimestampVerificationResult? Timestamp,
    OciDescriptor? SignedArtifact)
{
    /// <summary>The failed validations the level only logged: each is a warning a report must show.</summary>
    public IReadOnlyList<NotationValidationResult> Warnings => Validations.Where(v => !v.Passed && v.Action == ValidationAction.Log).ToList();

    /// <summary>
    /// The signing chain's revocation check (each certificate's status and how it was found), when it ran; a status other
    /// than good is also a failed <c>revocation</c> validation, enforced or logged as the level says.
    /// </summary>
    public RevocationCheckResult? Revocation { get; init; }

    /// <summary>The signing certificate's subject, once the envelope decoded.</summary>
    public X500DistinguishedName? Subject => Envelope?.CertificateChain[0].SubjectName;

    /// <summary>The level and overrides that applied, for example <c>strict</c> or <c>audit</c>.</summary>
    public string Level => Statement?.Verification.Describe() ?? "none";
}
