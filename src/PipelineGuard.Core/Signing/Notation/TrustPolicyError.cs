namespace PipelineGuard.Signing.Notation;

/// <summary>A mistake in a trust policy or trust store: the file, the field, what is wrong and what to do.</summary>
/// <param name="File">The trust policy file (or the preset's name).</param>
/// <param name="Field">The JSON path of the field, for example <c>trustPolicies[0].registryScopes[1]</c>.</param>
/// <param name="Problem">What is wrong.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record TrustPolicyError(string File, string Field, string Problem, string Fix)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {Field}: {Problem}; {Fix}";
}
