using PipelineGuard.Findings;
using PipelineGuard.Gate;

namespace PipelineGuard.Provenance;

/// <summary>
/// The base-image rules (PG3xxx), each declared once with its id, name, default severity, the policy setting that
/// switches it on and its evaluator. <see cref="BaseImageEvaluator"/>, the gate, <c>check-base</c>, the MSBuild
/// tasks and the Cake aliases all ask here which rules a policy switches on.
/// </summary>
public static class BaseImageRuleCatalog
{
    private const string Docs = "https://github.com/pipelineguard/pipelineguard/blob/main/docs/policy.md";

    /// <summary>Every base-image rule, in the order checks are reported.</summary>
    public static IReadOnlyList<BaseImageRuleDefinition> All { get; } =
    [
        Rule(ProvenanceRuleIds.AllowedRegistry, "allowed-registry", "Base image comes from an allowed registry",
            r => r.AllowedRegistries.Count > 0 ? 1 : 0, (r, f, _) => [BaseImageEvaluator.CheckRegistry(r, f)]),
        Rule(ProvenanceRuleIds.AllowedRepository, "allowed-repository", "Base image comes from an allowed repository",
            r => r.AllowedRepositories.Count > 0 ? 1 : 0, (r, f, _) => [BaseImageEvaluator.CheckRepository(r, f)]),
        Rule(ProvenanceRuleIds.RequireDigest, "require-digest", "Base image is pinned by digest",
            r => r.RequireDigest ? 1 : 0, (_, f, _) => [BaseImageEvaluator.CheckDigest(f)]),
        Rule(ProvenanceRuleIds.DeniedImage, "denied-image", "Base image is not on the deny list",
            r => r.DeniedImages.Count > 0 ? 1 : 0, (r, f, _) => [BaseImageEvaluator.CheckDeniedImage(r, f)]),
        Rule(ProvenanceRuleIds.DeniedTag, "denied-tag", "Base image tag is not denied",
            r => r.DeniedTags.Count > 0 ? 1 : 0, (r, f, _) => [BaseImageEvaluator.CheckDeniedTag(r, f)]),
        Rule(ProvenanceRuleIds.Signature, "signature", "Base image is signed by a trusted key",
            r => r.Signature is null ? 0 : 1,
            (r, f, _) => [BaseImageEvaluator.CheckSignature(ProvenanceRuleIds.Signature, r.Signature!.AcceptedNames, BaseImageEvaluator.Digest(f), f.ResolutionError, f.Signatures)]),
        Rule(ProvenanceRuleIds.Attestation, "attestation", "Base image carries a trusted attestation meeting the conditions",
            r => r.Attestations.Count,
            (r, f, _) => r.Attestations.Select(a => BaseImageEvaluator.CheckAttestation(ProvenanceRuleIds.Attestation, a, BaseImageEvaluator.Digest(f), f.ResolutionError, f.Attestations))),
        Rule(ProvenanceRuleIds.MaxAge, "max-age", "Base image is not older than the maximum age",
            r => r.MaxAgeDays is null ? 0 : 1, (r, f, now) => [BaseImageEvaluator.CheckAge(r.MaxAgeDays!.Value, f, now)]),
    ];

    /// <summary>Whether <paramref name="rules"/> switches on any base-image rule (so a run with no Dockerfile checked nothing it should have).</summary>
    public static bool AnyOn(BaseImageRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return All.Any(rule => rule.IsOn(rules));
    }

    /// <summary>The ids of the rules <paramref name="rules"/> switches on, in report order.</summary>
    public static IReadOnlyList<string> OnIds(BaseImageRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return [.. All.Where(rule => rule.IsOn(rules)).Select(rule => rule.Descriptor.Id)];
    }

    private static BaseImageRuleDefinition Rule(
        string id,
        string name,
        string title,
        Func<BaseImageRules, int> checks,
        Func<BaseImageRules, BaseImageFacts, DateTimeOffset, IEnumerable<RuleCheck>> evaluate) =>
        new(new RuleDescriptor(id, name, title, Severity.Error, new Uri($"{Docs}#{id.ToLowerInvariant()}-{name}"), RuleFamily.BaseImage)
        {
            SecuritySeverity = RuleRegistry.SecurityScore(Severity.Error),
        }, checks, evaluate);
}
