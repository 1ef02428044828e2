using Cake.Core.IO;
using PipelineGuard.Dockerfiles;

namespace Cake.PipelineGuard;

/// <summary>
/// Settings for <c>PipelineGuardLint</c>:
/// hadolint's options. They are layered over the <c>.hadolint.yaml</c> found (or <see cref="ConfigFile"/>) and the
/// <c>HADOLINT_*</c> variables, as hadolint layers its command line.
/// </summary>
public sealed class PipelineGuardLintSettings : PipelineGuardSettings
{
    /// <summary>A hadolint configuration file; null looks one up as hadolint does (starting in the working directory).</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary>Rules not to report.</summary>
    public IList<string> Ignore { get; } = [];

    /// <summary>Severity overrides by rule code.</summary>
    public IDictionary<string, LintSeverity> Overrides { get; } = new Dictionary<string, LintSeverity>(StringComparer.Ordinal);

    /// <summary>Registries <c>FROM</c> may use (DL3026); wildcards such as <c>*.gcr.io</c>.</summary>
    public IList<string> TrustedRegistries { get; } = [];

    /// <summary>Required labels and their formats (text, url, semver, hash, rfc3339, spdx, email).</summary>
    public IDictionary<string, string> RequiredLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Report labels not in <see cref="RequiredLabels"/> (DL3050); null leaves it to the configuration file.</summary>
    public bool? StrictLabels { get; set; }

    /// <summary>The lowest severity that fails the alias; null leaves it to the configuration file (hadolint's default is info).</summary>
    public LintSeverity? FailureThreshold { get; set; }

    /// <summary>Ignore inline <c># hadolint ignore=</c> pragmas; null leaves it to the configuration file.</summary>
    public bool? DisableIgnorePragma { get; set; }

    /// <summary>ShellCheck on RUN scripts: true requires the <c>shellcheck</c> program on PATH (missing is an error), false switches it off; null (default) runs it when it is on PATH, as hadolint does, unless the configuration file says otherwise.</summary>
    public bool? ShellCheck { get; set; }

    /// <summary>Also write a report in <see cref="ReportFormat"/> to this file (SARIF for code scanning, JSON, checkstyle...).</summary>
    public FilePath? ReportFile { get; set; }

    /// <summary>The format of <see cref="ReportFile"/> (SARIF by default).</summary>
    public LintOutputFormat ReportFormat { get; set; } = LintOutputFormat.Sarif;

    /// <summary>Adds rules to <see cref="Ignore"/>.</summary>
    public PipelineGuardLintSettings WithIgnore(params string[] codes)
    {
        foreach (var code in codes ?? [])
        {
            Ignore.Add(code);
        }

        return this;
    }

    /// <summary>Sets a rule's severity.</summary>
    public PipelineGuardLintSettings WithOverride(string code, LintSeverity severity)
    {
        Overrides[code] = severity;
        return this;
    }

    /// <summary>Adds registries to <see cref="TrustedRegistries"/>.</summary>
    public PipelineGuardLintSettings WithTrustedRegistry(params string[] registries)
    {
        foreach (var registry in registries ?? [])
        {
            TrustedRegistries.Add(registry);
        }

        return this;
    }

    /// <summary>Requires a label with a value of the given format.</summary>
    public PipelineGuardLintSettings WithRequiredLabel(string label, string format)
    {
        RequiredLabels[label] = format;
        return this;
    }

    /// <summary>Sets <see cref="StrictLabels"/>.</summary>
    public PipelineGuardLintSettings WithStrictLabels(bool strict = true)
    {
        StrictLabels = strict;
        return this;
    }

    /// <summary>Sets <see cref="FailureThreshold"/>.</summary>
    public PipelineGuardLintSettings WithFailureThreshold(LintSeverity threshold)
    {
        FailureThreshold = threshold;
        return this;
    }

    /// <summary>Sets <see cref="DisableIgnorePragma"/>.</summary>
    public PipelineGuardLintSettings WithDisableIgnorePragma(bool disable = true)
    {
        DisableIgnorePragma = disable;
        return this;
    }

    /// <summary>Sets <see cref="ShellCheck"/>.</summary>
    public PipelineGuardLintSettings WithShellCheck(bool shellCheck = true)
    {
        ShellCheck = shellCheck;
        return this;
    }

    /// <summary>Sets <see cref="ConfigFile"/>.</summary>
    public PipelineGuardLintSettings WithConfigFile(FilePath file)
    {
        ConfigFile = file;
        return this;
    }

    /// <summary>Sets <see cref="ReportFile"/> and <see cref="ReportFormat"/>.</summary>
    public PipelineGuardLintSettings WithReport(FilePath file, LintOutputFormat format = LintOutputFormat.Sarif)
    {
        ReportFile = file;
        ReportFormat = format;
        return this;
    }
}
