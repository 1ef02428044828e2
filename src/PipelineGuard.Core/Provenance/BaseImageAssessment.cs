namespace PipelineGuard.Provenance;

/// <summary>The facts about one image and every rule's check of them, in rule order.</summary>
/// <param name="Facts">What was known.</param>
/// <param name="Checks">One check per rule the policy switches on; empty for <c>scratch</c>.</param>
public sealed record BaseImageAssessment(BaseImageFacts Facts, IReadOnlyList<RuleCheck> Checks)
{
    /// <summary>Whether every check passed.</summary>
    public bool Passed => Checks.All(c => c.Outcome == CheckOutcome.Pass);
}
