using System.Collections;
using Microsoft.Build.Framework;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Dockerfiles.Writers;

namespace PipelineGuard.MSBuild;

/// <summary>
/// Lints <c>PipelineGuardDockerfile</c> items and logs each finding as a canonical MSBuild diagnostic with its rule id
/// and help link. Findings at or above <see cref="ErrorThreshold"/> are errors; <c>.hadolint.yaml</c> is respected.
/// </summary>
public sealed class LintDockerfiles : PipelineGuardTask
{
    /// <summary>The Dockerfiles.</summary>
    [Required]
    public ITaskItem[] Dockerfiles { get; set; } = [];

    /// <summary>A <c>.hadolint.yaml</c> to use; empty to look one up as hadolint does from <see cref="ProjectDirectory"/>.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Where the configuration file is looked for when <see cref="ConfigFile"/> is empty.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary><c>error</c>, <c>warning</c>, <c>info</c>, <c>style</c> or <c>none</c> (default): findings at or above it fail the build.</summary>
    public string ErrorThreshold { get; set; } = "none";

    /// <summary>How many findings were reported.</summary>
    [Output]
    public int FindingCount { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!LintSeverityNames.TryParse(ErrorThreshold, out var threshold))
        {
            Log.LogError(null, "PGMSB020", null, null, 0, 0, 0, 0, $"PipelineGuardLintThreshold '{ErrorThreshold}' is not one of error, warning, info, style, none.");
            return false;
        }

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        var workingDirectory = string.IsNullOrEmpty(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory;
        var loaded = LintConfigurationLoader.Load(string.IsNullOrEmpty(ConfigFile) ? null : ConfigFile, workingDirectory, environment, commandLine: null);
        if (loaded.Configuration is not { } configuration)
        {
            foreach (var problem in loaded.Errors)
            {
                Log.LogError(null, "PGMSB021", null, problem.Source, problem.Line, 0, 0, 0, $"Dockerfile lint configuration: {problem.Message}");
            }

            return false;
        }

        var report = DockerfileLinter.LintAsync(new LintOptions { Paths = [.. Dockerfiles.Select(d => d.GetMetadata("FullPath"))], Configuration = configuration }, CancellationToken).GetAwaiter().GetResult();
        foreach (var problem in report.Errors)
        {
            Log.LogError(null, "PGMSB022", null, null, 0, 0, 0, 0, problem);
        }

        foreach (var finding in report.Results.SelectMany(r => r.Findings))
        {
            FindingCount++;
            var help = finding.HelpUri.AbsoluteUri;
            switch (MSBuildLintWriter.KindOf(finding, threshold))
            {
                case MSBuildDiagnosticKind.Error:
                    Log.LogError(null, finding.Code, null, help, finding.File, finding.Line, finding.Column, 0, 0, finding.Message);
                    break;
                case MSBuildDiagnosticKind.Warning:
                    Log.LogWarning(null, finding.Code, null, help, finding.File, finding.Line, finding.Column, 0, 0, finding.Message);
                    break;
                default:
                    Log.LogMessage(MessageImportance.Normal, MSBuildLintWriter.Format(finding, threshold));
                    break;
            }
        }

        LogWork($"linted {Dockerfiles.Length} Dockerfile(s) of {ProjectName}: {FindingCount} finding(s)");
        return !Log.HasLoggedErrors;
    }
}
