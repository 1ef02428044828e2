using PipelineGuard.Findings;
using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>
/// The gate's own rules (PG0xxx) and the produced-image rules (PG2xxx), declared here; with the lint and base-image
/// rules they make up <see cref="RuleRegistry"/>, where every lookup goes.
/// </summary>
public static class GateRules
{
    /// <summary>The policy documentation, whose anchors the help URIs point at.</summary>
    public const string DocumentationBase = "https://github.com/pipelineguard/pipelineguard/blob/main/docs/policy.md";

    /// <summary>An exception in the policy has expired; it no longer applies.</summary>
    public static readonly RuleDescriptor ExpiredException = Declare("PG0001", "expired-exception", "A policy exception has expired and no longer applies", Severity.Warning, RuleFamily.GateStep);

    /// <summary>A part of the gate (lint, SBOM) could not run.</summary>
    public static readonly RuleDescriptor StepFailed = Declare("PG0002", "step-failed", "A gate step could not be completed", Severity.Error, RuleFamily.GateStep);

    /// <summary>The gate's step rules (PG0xxx).</summary>
    public static IReadOnlyList<RuleDescriptor> Steps { get; } = [ExpiredException, StepFailed];

    /// <summary>The produced-image rules (PG2xxx).</summary>
    public static IReadOnlyList<RuleDescriptor> ProducedImage { get; } =
    [
        Declare(ProvenanceRuleIds.ImageSignature, "image-signature", "Produced image is signed by the release key", Severity.Error, RuleFamily.ProducedImage),
        Declare(ProvenanceRuleIds.ImageSbomAttestation, "image-sbom-attestation", "Produced image carries a signed SBOM attestation", Severity.Error, RuleFamily.ProducedImage),
    ];

    /// <summary>Every rule a policy can tune that is not a lint or secrets rule: gate steps, produced images, base images, licences and vulnerabilities.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } = [.. Steps, .. BaseImageRuleCatalog.All.Select(r => r.Descriptor), .. ProducedImage, .. Licenses.LicenseRuleCatalog.Rules, .. Vulnerabilities.VulnerabilityRuleCatalog.Rules];

    /// <summary>The rule with this id or name (case-insensitive), in any family, or null.</summary>
    public static RuleDescriptor? Find(string idOrName) => RuleRegistry.Find(idOrName);

    private static RuleDescriptor Declare(string id, string name, string title, Severity severity, RuleFamily family) =>
        new(id, name, title, severity, new Uri($"{DocumentationBase}#{id.ToLowerInvariant()}-{name}"), family)
        {
            SecuritySeverity = family == RuleFamily.ProducedImage ? RuleRegistry.SecurityScore(severity) : null,
        };
}
