namespace PipelineGuard.Provenance;

/// <summary>What is known about an image the pipeline produced.</summary>
public sealed record ProducedImageFacts
{
    /// <summary>The reference as named in the policy or on the command line.</summary>
    public required string Reference { get; init; }

    /// <summary>The manifest digest, or null with <see cref="ResolutionError"/>.</summary>
    public string? Digest { get; init; }

    /// <summary>Why the image could not be resolved.</summary>
    public string? ResolutionError { get; init; }

    /// <summary>Signature verification results, or null when not attempted.</summary>
    public SignatureEvidence? Signatures { get; init; }

    /// <summary>Attestation verification results, or null when not attempted.</summary>
    public AttestationEvidence? Attestations { get; init; }
}
