using Xunit;

namespace PipelineGuard.Testing;

/// <summary>
/// A fact that reads <c>../shared/vectors</c>. CI always has that folder beside the checkout; in a clone without it
/// the test is reported as skipped, with the reason, instead of passing silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class VectorFactAttribute : FactAttribute
{
    /// <summary>Marks the test skipped when the vectors are absent.</summary>
    public VectorFactAttribute()
    {
        if (RepositoryPaths.Vectors is null)
        {
            Skip = VectorTheoryAttribute.MissingReason;
        }
    }
}

/// <summary>The theory form of <see cref="VectorFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class VectorTheoryAttribute : TheoryAttribute
{
    internal static string MissingReason => $"test vectors not found at {Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "vectors"))} (they sit beside the checkout in CI)";

    /// <summary>Marks the test skipped when the vectors are absent.</summary>
    public VectorTheoryAttribute()
    {
        if (RepositoryPaths.Vectors is null)
        {
            Skip = MissingReason;
        }
    }
}
