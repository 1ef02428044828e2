namespace PipelineGuard.Dockerfiles;

/// <summary>
/// What one configuration source says (the config file, the <c>HADOLINT_*</c> environment or the command line); null
/// means "not set here". <see cref="LintConfiguration.Combine"/> merges sources with hadolint's precedence.
/// </summary>
public sealed record LintSettings
{
    /// <summary>Rules not to report.</summary>
    public IReadOnlyList<string>? Ignored { get; init; }

    /// <summary>Severity overrides by rule code.</summary>
    public IReadOnlyDictionary<string, LintSeverity>? Overrides { get; init; }

    /// <summary>Registries FROM may use (DL3026); wildcards such as <c>*.gcr.io</c>.</summary>
    public IReadOnlyList<string>? TrustedRegistries { get; init; }

    /// <summary>Required labels and their value formats (text, url, semver, hash, rfc3339, spdx, email).</summary>
    public IReadOnlyDictionary<string, string>? LabelSchema { get; init; }

    /// <summary>Report labels not in the schema (DL3050).</summary>
    public bool? StrictLabels { get; init; }

    /// <summary>Lowest severity that fails the run; null in a source means unset. <see cref="LintSeverity.Ignore"/> never fails.</summary>
    public LintSeverity? FailureThreshold { get; init; }

    /// <summary>Ignore <c># hadolint ignore=</c> pragmas.</summary>
    public bool? DisableIgnorePragma { get; init; }

    /// <summary>Always exit 0.</summary>
    public bool? NoFail { get; init; }

    /// <summary>No colour in tty output.</summary>
    public bool? NoColor { get; init; }

    /// <summary>Output format.</summary>
    public LintOutputFormat? Format { get; init; }

    /// <summary>Run ShellCheck on RUN scripts.</summary>
    public bool? ShellCheck { get; init; }
}
