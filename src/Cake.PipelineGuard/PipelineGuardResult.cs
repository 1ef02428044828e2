namespace Cake.PipelineGuard;

/// <summary>What every PipelineGuard alias returns: whether it passed, and why not.</summary>
public abstract class PipelineGuardResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="errors">What failed, in words for the user; empty when the alias passed.</param>
    protected PipelineGuardResult(IReadOnlyList<string> errors)
    {
        Errors = errors ?? [];
    }

    /// <summary>Whether the alias passed: the check held and every step could be completed.</summary>
    public virtual bool Succeeded => Errors.Count == 0;

    /// <summary>What failed, in words for the user; empty on success.</summary>
    public IReadOnlyList<string> Errors { get; }
}
