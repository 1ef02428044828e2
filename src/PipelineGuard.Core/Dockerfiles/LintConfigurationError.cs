namespace PipelineGuard.Dockerfiles;

/// <summary>A configuration problem: the source (file path or environment variable), the line when known, and what is wrong.</summary>
/// <param name="Source">The config file path, or the environment variable name.</param>
/// <param name="Line">1-based line in the file, or 0.</param>
/// <param name="Message">What is wrong and what is accepted.</param>
public sealed record LintConfigurationError(string Source, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Message}" : $"{Source}: {Message}";
}
