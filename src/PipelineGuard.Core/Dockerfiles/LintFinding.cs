namespace PipelineGuard.Dockerfiles;

/// <summary>
/// One finding: rule code, severity, message and position. <see cref="Line"/> and <see cref="Column"/> are what
/// hadolint reports; <see cref="Span"/> is the exact range (for SARIF regions and editors).
/// </summary>
/// <param name="Code">Rule id (<c>DL3007</c>, <c>SC2086</c>, <c>PG1003</c>).</param>
/// <param name="Severity">Effective severity after overrides.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="File">The file as given on the command line (or <c>-</c> for stdin).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Span">The exact range the finding is about.</param>
public sealed record LintFinding(string Code, LintSeverity Severity, string Message, string File, int Line, int Column, SourceSpan Span)
{
    /// <summary>Where the rule is documented.</summary>
    public Uri HelpUri => LintRuleCatalog.HelpUriFor(Code);

    /// <summary>The canonical MSBuild/compiler form: <c>path(line,col): warning DL3007: message</c>.</summary>
    public string ToCanonicalString() => $"{File}({Line},{Column}): {(Severity == LintSeverity.Error ? "error" : "warning")} {Code}: {Message}";
}
