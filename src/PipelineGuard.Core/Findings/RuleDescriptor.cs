using PipelineGuard.Gate;

namespace PipelineGuard.Findings;

/// <summary>
/// A rule as every report names it: one id, one name, one title, one help anchor and one default severity,
/// declared once in <see cref="RuleRegistry"/>.
/// </summary>
/// <param name="Id">The stable id (<c>PG3003</c>, <c>DL3007</c>).</param>
/// <param name="Name">The name a policy may use instead of the id (<c>require-digest</c>); hadolint's rules are named by their id.</param>
/// <param name="Title">A short description.</param>
/// <param name="DefaultSeverity">The severity when no policy or configuration says otherwise (<see cref="Severity.Off"/> for opt-in rules).</param>
/// <param name="HelpUri">Where the rule is explained.</param>
/// <param name="Family">The family the id belongs to.</param>
public sealed record RuleDescriptor(string Id, string Name, string Title, Severity DefaultSeverity, Uri HelpUri, RuleFamily Family)
{
    /// <summary>
    /// The CVSS-like score (0.1 to 10.0) GitHub code scanning reads from a SARIF rule's <c>security-severity</c> property
    /// to rank security alerts; null for rules that are not about security (hadolint's style and hygiene rules).
    /// </summary>
    public string? SecuritySeverity { get; init; }
}
