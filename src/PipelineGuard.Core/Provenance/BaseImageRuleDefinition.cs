using PipelineGuard.Findings;

namespace PipelineGuard.Provenance;

/// <summary>
/// One base-image rule, declared once: how reports name it, whether a policy switches it on, and how it judges an image.
/// </summary>
/// <param name="Descriptor">Id, name, title, help anchor and default severity.</param>
/// <param name="Checks">How many checks the rule makes for each image under a policy: 0 when the policy leaves it off, one per requirement otherwise (attestations).</param>
/// <param name="Evaluate">The checks for one image's facts at a time; only called when <paramref name="Checks"/> is not 0.</param>
public sealed record BaseImageRuleDefinition(
    RuleDescriptor Descriptor,
    Func<BaseImageRules, int> Checks,
    Func<BaseImageRules, BaseImageFacts, DateTimeOffset, IEnumerable<RuleCheck>> Evaluate)
{
    /// <summary>Whether <paramref name="rules"/> switches this rule on.</summary>
    public bool IsOn(BaseImageRules rules) => Checks(rules) > 0;
}
