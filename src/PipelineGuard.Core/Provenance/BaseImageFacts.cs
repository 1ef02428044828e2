using System.Text.Json;
using PipelineGuard.Signing.Keyless;

namespace PipelineGuard.Provenance;

/// <summary>Where an image is named in a Dockerfile: 1-based line and columns of the image text, end exclusive.</summary>
public sealed record SourceLocation(string File, int Line, int Column, int EndColumn);

/// <summary>
/// Everything known about one <c>FROM</c> image, gathered before evaluation so the evaluation is a pure function.
/// A null piece of evidence with an error says why it could not be obtained.
/// </summary>
public sealed record BaseImageFacts
{
    /// <summary>The reference as written (after ARG defaults are substituted).</summary>
    public required string Written { get; init; }

    /// <summary>Where it is written.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary><c>FROM scratch</c>: no image at all, always allowed.</summary>
    public bool IsScratch { get; init; }

    /// <summary>The registry host (<c>docker.io</c>, <c>127.0.0.1:5000</c>), or <c>oci</c> for a local layout.</summary>
    public string Registry { get; init; } = string.Empty;

    /// <summary>The repository path (<c>library/debian</c>).</summary>
    public string Repository { get; init; } = string.Empty;

    /// <summary>The tag as written, or null.</summary>
    public string? Tag { get; init; }

    /// <summary>The digest as written (<c>sha256:...</c>), or null.</summary>
    public string? WrittenDigest { get; init; }

    /// <summary>The manifest digest the reference resolved to, or null with <see cref="ResolutionError"/>.</summary>
    public string? ResolvedDigest { get; init; }

    /// <summary>Why the reference could not be resolved (registry unreachable, not found, refused).</summary>
    public string? ResolutionError { get; init; }

    /// <summary>What signature verification found, or null when it was not attempted.</summary>
    public SignatureEvidence? Signatures { get; init; }

    /// <summary>What attestation verification found, or null when it was not attempted.</summary>
    public AttestationEvidence? Attestations { get; init; }

    /// <summary>The image config's <c>created</c>, or null (see <see cref="ConfigError"/>).</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Why the config (and so <see cref="Created"/>) could not be read.</summary>
    public string? ConfigError { get; init; }

    /// <summary>The image name without tag or digest: <c>registry/repository</c>.</summary>
    public string Name => Registry.Length == 0 ? Repository : $"{Registry}/{Repository}";
}

/// <summary>Signatures found for a digest and which trusted keys verified them.</summary>
/// <param name="Found">How many signatures were stored for the digest.</param>
/// <param name="VerifiedBy">The keys (as named in the policy) that verified at least one signature for this digest.</param>
/// <param name="Error">Why the signatures could not be fetched or checked; null when they were.</param>
/// <param name="Problems">Signatures found but rejected, with the reason (bad signature, other digest).</param>
public sealed record SignatureEvidence(int Found, IReadOnlyList<string> VerifiedBy, string? Error = null, IReadOnlyList<string>? Problems = null)
{
    /// <summary>The keyless signatures that verified: who signed (identity, issuer), the trusted identity that accepted it, the log index and time.</summary>
    public IReadOnlyList<KeylessSignerEvidence>? Keyless { get; init; }
    /// <summary>The Notary Project signatures that verified (or were skipped by the level), one per trust policy.</summary>
    public IReadOnlyList<Signing.Notation.NotationSignerEvidence>? Notation { get; init; }
}

/// <summary>Attestations found for a digest; only those whose DSSE signature verified are in <see cref="Verified"/>.</summary>
/// <param name="Found">How many attestations were stored for the digest.</param>
/// <param name="Verified">The verified attestations.</param>
/// <param name="Error">Why they could not be fetched; null when they were.</param>
/// <param name="Problems">Attestations found but rejected, with the reason.</param>
public sealed record AttestationEvidence(int Found, IReadOnlyList<VerifiedAttestation> Verified, string? Error = null, IReadOnlyList<string>? Problems = null);

/// <summary>An in-toto statement whose DSSE envelope verified with <see cref="SignedBy"/>.</summary>
/// <param name="PredicateType">The statement's predicate type.</param>
/// <param name="SignedBy">The keys (as named in the policy) that verified the envelope.</param>
/// <param name="SubjectDigests">The statement's subject digests (<c>sha256:...</c>).</param>
/// <param name="Predicate">The predicate JSON.</param>
public sealed record VerifiedAttestation(string PredicateType, IReadOnlyList<string> SignedBy, IReadOnlyList<string> SubjectDigests, JsonElement Predicate)
{
    /// <summary>When signed keyless: who signed, the trusted identity that accepted it, the log index and time.</summary>
    public IReadOnlyList<KeylessSignerEvidence>? Keyless { get; init; }
}
