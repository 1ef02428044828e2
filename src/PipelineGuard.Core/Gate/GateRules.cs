using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>The catalogue of gate rules. Lint rules (DLxxxx, SCxxxx) are not listed: they come with their own ids and levels.</summary>
public static class GateRules
{
    /// <summary>The policy documentation, whose anchors the help URIs point at.</summary>
    public const string DocumentationBase = "https://github.com/pipelineguard/pipelineguard/blob/main/docs/policy.md";

    /// <summary>An exception in the policy has expired; it no longer applies.</summary>
    public static readonly GateRule ExpiredException = new("PG0001", "expired-exception", "A policy exception has expired and no longer applies", Severity.Warning);

    /// <summary>A part of the gate (lint, SBOM) could not run.</summary>
    public static readonly GateRule StepFailed = new("PG0002", "step-failed", "A gate step could not be completed", Severity.Error);

    /// <summary>Every rule with a fixed id.</summary>
    public static IReadOnlyList<GateRule> All { get; } =
    [
        ExpiredException,
        StepFailed,
        new(ProvenanceRuleIds.AllowedRegistry, "allowed-registry", "Base image comes from an allowed registry", Severity.Error),
        new(ProvenanceRuleIds.AllowedRepository, "allowed-repository", "Base image comes from an allowed repository", Severity.Error),
        new(ProvenanceRuleIds.RequireDigest, "require-digest", "Base image is pinned by digest", Severity.Error),
        new(ProvenanceRuleIds.DeniedImage, "denied-image", "Base image is not on the deny list", Severity.Error),
        new(ProvenanceRuleIds.DeniedTag, "denied-tag", "Base image tag is not denied", Severity.Error),
        new(ProvenanceRuleIds.Signature, "signature", "Base image is signed by a trusted key", Severity.Error),
        new(ProvenanceRuleIds.Attestation, "attestation", "Base image carries a trusted attestation meeting the conditions", Severity.Error),
        new(ProvenanceRuleIds.MaxAge, "max-age", "Base image is not older than the maximum age", Severity.Error),
        new(ProvenanceRuleIds.ImageSignature, "image-signature", "Produced image is signed by the release key", Severity.Error),
        new(ProvenanceRuleIds.ImageSbomAttestation, "image-sbom-attestation", "Produced image carries a signed SBOM attestation", Severity.Error),
    ];

    /// <summary>The rule with this id or policy name (case-insensitive), or null.</summary>
    public static GateRule? Find(string idOrName) =>
        All.FirstOrDefault(r => string.Equals(r.Id, idOrName, StringComparison.OrdinalIgnoreCase) || string.Equals(r.Name, idOrName, StringComparison.OrdinalIgnoreCase));
}
