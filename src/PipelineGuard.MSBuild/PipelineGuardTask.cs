using Microsoft.Build.Framework;

namespace PipelineGuard.MSBuild;

/// <summary>
/// The base of every PipelineGuard task: a task only runs when its target has work to do, and then it logs one line
/// with the PipelineGuard version, so a build log shows which version produced its SBOM, findings and signatures.
/// </summary>
public abstract class PipelineGuardTask : Microsoft.Build.Utilities.Task, ICancelableTask, IDisposable
{
    private readonly CancellationTokenSource cancellation = new();

    /// <summary>The project being built, for the log line.</summary>
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>Cancelled when the build is cancelled (Ctrl+C).</summary>
    protected CancellationToken CancellationToken => cancellation.Token;

    /// <inheritdoc />
    public void Cancel() => cancellation.Cancel();

    /// <inheritdoc />
    public void Dispose()
    {
        cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Logs <c>PipelineGuard &lt;version&gt;: &lt;what&gt;</c> at high importance.</summary>
    protected void LogWork(string what)
        => Log.LogMessage(MessageImportance.High, $"{PipelineGuardInfo.ProductName} {PipelineGuardInfo.ShortVersion}: {what}");
}
