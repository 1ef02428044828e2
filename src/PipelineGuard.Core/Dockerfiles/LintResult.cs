namespace PipelineGuard.Dockerfiles;

/// <summary>The findings for one Dockerfile, ordered by line, column and code.</summary>
/// <param name="File">The file as given (or <c>-</c> for stdin).</param>
/// <param name="Findings">The findings.</param>
/// <param name="Notices">Things the user should know that are not findings (for example, ShellCheck was asked for but is missing).</param>
public sealed record LintResult(string File, IReadOnlyList<LintFinding> Findings, IReadOnlyList<string> Notices);
