namespace PipelineGuard.Dockerfiles;

/// <summary>The outcome of linting several files.</summary>
/// <param name="Results">One result per file, in the order found.</param>
/// <param name="Errors">Paths that could not be read (the run then fails).</param>
/// <param name="Failed">True when a finding is at or above the failure threshold (and no-fail is off), or a path could not be read.</param>
public sealed record LintReport(IReadOnlyList<LintResult> Results, IReadOnlyList<string> Errors, bool Failed)
{
    /// <summary>
    /// <see cref="LintOptions.FilePathInReport"/>, for the report writers: the results keep the real paths, and only the
    /// formats hadolint applies <c>--file-path-in-report</c> to show this name instead.
    /// </summary>
    public string? FilePathInReport { get; init; }
}
