namespace PipelineGuard.Dockerfiles;

/// <summary>The findings for one Dockerfile, ordered by line, column and code.</summary>
/// <param name="File">The file as given (or <c>-</c> for stdin).</param>
/// <param name="Findings">The findings.</param>
/// <param name="Notices">Things the user should know that are not findings (for example, ShellCheck is not installed, so SC rules were not checked).</param>
public sealed record LintResult(string File, IReadOnlyList<LintFinding> Findings, IReadOnlyList<string> Notices)
{
    /// <summary>Checks that could not be completed (ShellCheck failed or is required and missing); any of them fails the run.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
