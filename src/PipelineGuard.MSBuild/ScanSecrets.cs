using Microsoft.Build.Framework;
using PipelineGuard.Secrets;

namespace PipelineGuard.MSBuild;

/// <summary>
/// Scans what pack and publish produce for secrets: each package (every entry of the <c>.nupkg</c>) and each folder
/// (the publish folder), through the same use case as <c>pipelineguard secrets</c>. Each finding is a canonical error
/// (<c>file(line,col): error PG4040: ...</c>, or the package's path with the entry in the message) showing only the
/// rule, a redacted preview and the fingerprint; a scan that could not look at everything fails too (fail closed).
/// </summary>
public sealed class ScanSecrets : PipelineGuardTask
{
    /// <summary>Packages and folders to scan.</summary>
    [Required]
    public ITaskItem[] Targets { get; set; } = [];

    /// <summary>How many secrets were found.</summary>
    [Output]
    public int FindingCount { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        foreach (var target in Targets)
        {
            var path = target.GetMetadata("FullPath");
            LogWork($"secrets scan of {path}");
            var job = SecretsJob.RunAsync(new SecretsJobOptions { Target = path }, CancellationToken).GetAwaiter().GetResult();
            if (job.Result is not { } result)
            {
                Log.LogError(null, "PGMSB040", null, path, 0, 0, 0, 0, $"The secrets scan could not run: {job.Error}");
                continue;
            }

            foreach (var diagnostic in SecretReportWriter.MSBuildDiagnostics(result))
            {
                FindingCount += diagnostic.Code.StartsWith("PG4", StringComparison.Ordinal) ? 1 : 0;
                Log.LogError(null, diagnostic.Code, null, diagnostic.HelpLink, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }
}
