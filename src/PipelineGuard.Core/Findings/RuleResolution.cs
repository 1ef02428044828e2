namespace PipelineGuard.Findings;

/// <summary>The rule a policy's id or name addresses, and, when it was written under a retired id, what to write instead.</summary>
/// <param name="Rule">The one rule addressed.</param>
/// <param name="Deprecation">A warning naming the new id when the key was a retired id, or null.</param>
public sealed record RuleResolution(RuleDescriptor Rule, string? Deprecation);
