using System.Text;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>
/// hadolint's <c>codeclimate</c> format: one Code Climate engine issue per finding, each JSON object followed by a NUL
/// byte (the engine protocol's separator), no array and no newline. Keys are in hadolint's (sorted) order:
/// <c>categories</c>, <c>check_name</c>, <c>description</c>, <c>location</c>, <c>severity</c>, <c>type</c>.
/// </summary>
public static class CodeClimateLintWriter
{
    /// <summary>
    /// Writes the issues. <paramref name="filePathInReport"/>, when set, is the path of every rule finding (a DL1000
    /// parse error keeps the path of the file, as in hadolint).
    /// </summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer, string? filePathInReport = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var finding in results.SelectMany(r => r.Findings))
        {
            writer.Write(IssueJson(finding, filePathInReport));
            writer.Write('\0');
        }
    }

    /// <summary>
    /// The issue object of one finding: a rule finding has <c>location.lines</c> (begin = end = its line); a DL1000
    /// parse error has <c>location.positions</c> with its line and column, as hadolint writes parse errors.
    /// </summary>
    public static string IssueJson(LintFinding finding, string? filePathInReport = null)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return AppendIssue(new StringBuilder(256), finding, filePathInReport, fingerprint: null).ToString();
    }

    /// <summary>Appends the issue object, with a <c>fingerprint</c> key when one is given (gitlab_codeclimate).</summary>
    internal static StringBuilder AppendIssue(StringBuilder builder, LintFinding finding, string? filePathInReport, string? fingerprint)
    {
        builder.Append('{').AppendKey("categories").Append("[\"Bug Risk\"],")
            .AppendProperty("check_name", finding.Code).Append(',')
            .AppendProperty("description", finding.Message).Append(',');
        if (fingerprint is not null)
        {
            builder.AppendProperty("fingerprint", fingerprint).Append(',');
        }

        builder.AppendKey("location").Append('{');
        if (IsParseError(finding))
        {
            builder.AppendProperty("path", finding.File).Append(',').AppendKey("positions").Append('{');
            AppendPosition(builder.AppendKey("begin"), finding).Append(',');
            AppendPosition(builder.AppendKey("end"), finding).Append('}');
        }
        else
        {
            builder.AppendKey("lines").Append('{').AppendProperty("begin", finding.Line).Append(',').AppendProperty("end", finding.Line).Append("},")
                .AppendProperty("path", filePathInReport ?? finding.File);
        }

        return builder.Append("},")
            .AppendProperty("severity", Severity(finding.Severity)).Append(',')
            .AppendProperty("type", "issue").Append('}');
    }

    /// <summary>hadolint's Code Climate severities: error blocker, warning major, info info, style minor.</summary>
    public static string Severity(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "blocker",
        LintSeverity.Warning => "major",
        LintSeverity.Info => "info",
        LintSeverity.Style => "minor",
        _ => string.Empty,
    };

    /// <summary>True for a finding that stands for a file hadolint could not parse (DL1000).</summary>
    internal static bool IsParseError(LintFinding finding) => finding.Code == "DL1000";

    private static StringBuilder AppendPosition(StringBuilder builder, LintFinding finding) =>
        builder.Append('{').AppendProperty("column", finding.Column).Append(',').AppendProperty("line", finding.Line).Append('}');
}
