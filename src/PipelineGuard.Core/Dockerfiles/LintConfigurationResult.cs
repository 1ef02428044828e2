namespace PipelineGuard.Dockerfiles;

/// <summary>The outcome of loading configuration: the configuration, or the errors (never both).</summary>
/// <param name="Configuration">The resolved configuration, or null when there were errors.</param>
/// <param name="ConfigFile">The config file that was read, or null.</param>
/// <param name="Errors">What was wrong.</param>
public sealed record LintConfigurationResult(LintConfiguration? Configuration, string? ConfigFile, IReadOnlyList<LintConfigurationError> Errors)
{
    /// <summary>True when the configuration loaded.</summary>
    public bool Success => Configuration is not null;
}
