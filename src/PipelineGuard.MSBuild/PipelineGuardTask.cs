using Microsoft.Build.Framework;

namespace PipelineGuard.MSBuild;

/// <summary>
/// The base of every PipelineGuard task: a task only runs when its target has work to do, and then it logs one line
/// with the PipelineGuard version, so a build log shows which version produced its SBOM, findings and signatures.
/// </summary>
public abstract class PipelineGuardTask : Microsoft.Build.Utilities.Task
{
    /// <summary>The project being built, for the log line.</summary>
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>Logs <c>PipelineGuard &lt;version&gt;: &lt;what&gt;</c> at high importance.</summary>
    protected void LogWork(string what)
        => Log.LogMessage(MessageImportance.High, $"{PipelineGuardInfo.ProductName} {PipelineGuardInfo.Version}: {what}");
}
