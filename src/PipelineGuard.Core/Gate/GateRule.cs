namespace PipelineGuard.Gate;

/// <summary>A rule the gate can report: a stable id, a name used in the policy file, a description and where it is documented.</summary>
/// <param name="Id">The stable id (<c>PG1003</c>).</param>
/// <param name="Name">The policy name (<c>require-digest</c>).</param>
/// <param name="Title">A short description.</param>
/// <param name="DefaultSeverity">The severity when the policy says nothing.</param>
public sealed record GateRule(string Id, string Name, string Title, Severity DefaultSeverity)
{
    /// <summary>Where the rule is explained: docs/policy.md at the rule's anchor.</summary>
    public Uri HelpUri => new($"{GateRules.DocumentationBase}#{Id.ToLowerInvariant()}-{Name}");
}
