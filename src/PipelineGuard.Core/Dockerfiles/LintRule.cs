namespace PipelineGuard.Dockerfiles;

/// <summary>A rule's fixed description: id, default severity, message and where it is documented.</summary>
/// <param name="Code">Rule id.</param>
/// <param name="DefaultSeverity">Severity before overrides (<see cref="LintSeverity.Ignore"/> for opt-in rules).</param>
/// <param name="Message">The message findings of this rule carry (label rules put the label name in).</param>
/// <param name="HelpUri">Documentation of the rule.</param>
public sealed record LintRule(string Code, LintSeverity DefaultSeverity, string Message, Uri HelpUri)
{
    /// <summary>The name a policy may use instead of the id (<c>verification-disabled</c>), or null: hadolint's rules are named by their id.</summary>
    public string? Name { get; init; }

    /// <summary>A short description for reports, or null to use <see cref="Message"/>.</summary>
    public string? Title { get; init; }
}
