namespace PipelineGuard.Provenance;

/// <summary>The result of one rule for one image: the outcome, why, and the evidence it rests on.</summary>
/// <param name="RuleId">The rule (<see cref="ProvenanceRuleIds"/>).</param>
/// <param name="Outcome">Pass, fail, or could not check.</param>
/// <param name="Message">One sentence a person reads: what was found and, when failing, what to do.</param>
/// <param name="Evidence">The facts the decision rests on (digests, key names, builder ids), in order.</param>
public sealed record RuleCheck(string RuleId, CheckOutcome Outcome, string Message, IReadOnlyList<string> Evidence)
{
    /// <summary>
    /// What a passing check must still show as a warning in every report (a Notation verification at level audit or
    /// skip, or with a failure the level only logs); the gate reports each as a non-blocking note.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>A passing check.</summary>
    public static RuleCheck Passed(string ruleId, string message, params string[] evidence) => new(ruleId, CheckOutcome.Pass, message, evidence);

    /// <summary>A failing check.</summary>
    public static RuleCheck Failed(string ruleId, string message, params string[] evidence) => new(ruleId, CheckOutcome.Fail, message, evidence);

    /// <summary>A check whose evidence could not be obtained.</summary>
    public static RuleCheck Unknown(string ruleId, string message, params string[] evidence) => new(ruleId, CheckOutcome.CouldNotCheck, message, evidence);
}
