namespace PipelineGuard.Dockerfiles;

/// <summary>A rule's fixed description: id, default severity, message and where it is documented.</summary>
/// <param name="Code">Rule id.</param>
/// <param name="DefaultSeverity">Severity before overrides (<see cref="LintSeverity.Ignore"/> for opt-in rules).</param>
/// <param name="Message">The message findings of this rule carry (label rules put the label name in).</param>
/// <param name="HelpUri">Documentation of the rule.</param>
public sealed record LintRule(string Code, LintSeverity DefaultSeverity, string Message, Uri HelpUri);
