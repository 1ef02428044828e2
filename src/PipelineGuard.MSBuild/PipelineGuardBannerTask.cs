using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PipelineGuard.MSBuild;

/// <summary>Logs which PipelineGuard is taking part in the build, so a build log shows the version that produced its SBOM and findings.</summary>
public sealed class PipelineGuardBannerTask : Microsoft.Build.Utilities.Task
{
    /// <summary>The project being built, for the log line.</summary>
    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The version of PipelineGuard that ran.</summary>
    [Output]
    public string Version { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        Version = PipelineGuardInfo.Version;
        Log.LogMessage(MessageImportance.High, $"{PipelineGuardInfo.ProductName} {Version}: guarding {ProjectName}");
        return true;
    }
}
