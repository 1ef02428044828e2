using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Dockerfiles.Writers;
using CoreLintSettings = PipelineGuard.Dockerfiles.LintSettings;
using Path = Cake.Core.IO.Path;

namespace Cake.PipelineGuard;

public static partial class PipelineGuardAliases
{
    /// <summary>Lints a Dockerfile, or every Dockerfile under a directory, with hadolint's rules and configuration.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="path">A Dockerfile or a directory searched recursively.</param>
    /// <returns>The findings.</returns>
    [CakeMethodAlias]
    [CakeAliasCategory("Lint")]
    public static PipelineGuardLintResult PipelineGuardLint(this ICakeContext context, FilePath path) => PipelineGuardLint(context, [path], new PipelineGuardLintSettings());

    /// <summary>Lints a Dockerfile, or every Dockerfile under a directory.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="path">A Dockerfile or a directory searched recursively.</param>
    /// <param name="settings">hadolint's options.</param>
    /// <returns>The findings.</returns>
    [CakeMethodAlias]
    [CakeAliasCategory("Lint")]
    public static PipelineGuardLintResult PipelineGuardLint(this ICakeContext context, FilePath path, PipelineGuardLintSettings settings) => PipelineGuardLint(context, [path], settings);

    /// <summary>
    /// Lints Dockerfiles (files, or directories searched recursively for <c>Dockerfile</c>, <c>*.Dockerfile</c> and
    /// <c>Dockerfile.*</c>). Each finding is logged as <c>path(line,col): warning DL3007: message</c>; the alias fails
    /// when a finding is at or above the failure threshold, or a file cannot be read.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="paths">Dockerfiles and directories.</param>
    /// <param name="settings">hadolint's options.</param>
    /// <returns>The findings.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardLint(GetFiles("./**/Dockerfile").Cast&lt;Path&gt;(), new PipelineGuardLintSettings()
    ///     .WithFailureThreshold(LintSeverity.Warning)
    ///     .WithIgnore("DL3008")
    ///     .WithReport("./artifacts/lint.sarif"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Lint")]
    public static PipelineGuardLintResult PipelineGuardLint(this ICakeContext context, IEnumerable<Path> paths, PipelineGuardLintSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "lint";

        var fromSettings = new CoreLintSettings
        {
            Ignored = settings.Ignore.Count > 0 ? [.. settings.Ignore] : null,
            Overrides = settings.Overrides.Count > 0 ? new Dictionary<string, LintSeverity>(settings.Overrides, StringComparer.Ordinal) : null,
            TrustedRegistries = settings.TrustedRegistries.Count > 0 ? [.. settings.TrustedRegistries] : null,
            LabelSchema = settings.RequiredLabels.Count > 0 ? new Dictionary<string, string>(settings.RequiredLabels, StringComparer.Ordinal) : null,
            StrictLabels = settings.StrictLabels,
            FailureThreshold = settings.FailureThreshold,
            DisableIgnorePragma = settings.DisableIgnorePragma,
            ShellCheck = settings.ShellCheck,
            NoColor = true,
        };
        var environment = context.Environment.GetEnvironmentVariables().ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        var loaded = LintConfigurationLoader.Load(CakePaths.FullOrNull(context, settings.ConfigFile), context.Environment.WorkingDirectory.FullPath, environment, fromSettings);
        if (loaded.Configuration is not { } configuration)
        {
            var problems = loaded.Errors.Select(e => $"configuration error: {e}").ToList();
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardLintResult([], null, problems));
        }

        var options = new LintOptions
        {
            Paths = paths.Select(p => p is DirectoryPath d ? CakePaths.Full(context, d) : CakePaths.Full(context, new FilePath(p.FullPath))).ToList(),
            Configuration = configuration,
            ShellCheck = configuration.ShellCheck is not false ? ShellCheckRunner.Locate(context.Environment.GetEnvironmentVariable("PATH")) : null,
        };
        var report = DockerfileLinter.LintAsync(options).GetAwaiter().GetResult();
        foreach (var notice in report.Results.SelectMany(r => r.Notices).Distinct())
        {
            AliasOutcome.Write(context, LogLevel.Warning, $"pipelineguard lint: {notice}");
        }

        foreach (var finding in report.Results.SelectMany(r => r.Findings))
        {
            var level = finding.Severity switch
            {
                LintSeverity.Error => LogLevel.Error,
                LintSeverity.Warning => LogLevel.Warning,
                _ => LogLevel.Information,
            };
            AliasOutcome.Write(context, level, finding.ToCanonicalString());
        }

        var errors = report.Errors.ToList();
        if (settings.ReportFile is not null)
        {
            var reportPath = CakePaths.Full(context, settings.ReportFile);
            try
            {
                System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(reportPath)!);
                using var writer = new StreamWriter(reportPath);
                LintReportWriter.Write(settings.ReportFormat, report.Results, writer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{reportPath}: cannot write the report: {e.Message}");
            }
        }

        var result = new PipelineGuardLintResult(report.Results, configuration, errors);
        var failed = report.Failed || errors.Count > 0;
        AliasOutcome.Write(context, LogLevel.Information, $"pipelineguard lint: {result.Files.Count} Dockerfile(s), {result.ErrorCount} error(s), {result.WarningCount} warning(s), {result.Findings.Count - result.ErrorCount - result.WarningCount} info/style; {(failed ? "failed" : "passed")}");
        if (report.Failed && errors.Count == 0)
        {
            var threshold = configuration.FailureThreshold.ToName();
            errors.Add($"{result.Findings.Count(f => f.Severity <= configuration.FailureThreshold)} finding(s) at or above the failure threshold '{threshold}'");
            result = new PipelineGuardLintResult(report.Results, configuration, errors);
        }

        return AliasOutcome.Complete(context, settings, verb, result);
    }
}
