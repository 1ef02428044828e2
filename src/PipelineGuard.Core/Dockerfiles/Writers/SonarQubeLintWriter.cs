using System.Text;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>
/// hadolint's <c>sonarqube</c> format, SonarQube's generic external issues: <c>{"issues":[...]}</c>, each issue with
/// <c>engineId</c>, <c>primaryLocation</c> (<c>filePath</c>, <c>message</c>, <c>textRange</c>), <c>ruleId</c>,
/// <c>severity</c> and <c>type</c>, keys sorted as hadolint writes them, no trailing newline. Severities: error
/// CRITICAL (type BUG), warning MAJOR, info MINOR, style INFO (type CODE_SMELL); a DL1000 parse error is BLOCKER/BUG at
/// its line and column. A rule finding's range is its line, columns 0 to 1, as hadolint reports it.
/// </summary>
public static class SonarQubeLintWriter
{
    /// <summary>The <c>engineId</c> of every issue.</summary>
    public const string EngineId = PipelineGuardInfo.ProductName;

    /// <summary>Writes the document; <paramref name="filePathInReport"/>, when set, is the <c>filePath</c> of every issue.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer, string? filePathInReport = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        var builder = new StringBuilder("{\"issues\":[");
        var first = true;
        foreach (var finding in results.SelectMany(r => r.Findings))
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            var parseError = CodeClimateLintWriter.IsParseError(finding);
            var (startColumn, endColumn) = parseError ? (finding.Column, finding.Column) : (0, 1);
            builder.Append('{')
                .AppendProperty("engineId", EngineId).Append(',')
                .AppendKey("primaryLocation").Append('{')
                .AppendProperty("filePath", filePathInReport ?? finding.File).Append(',')
                .AppendProperty("message", finding.Message).Append(',')
                .AppendKey("textRange").Append('{')
                .AppendProperty("endColumn", endColumn).Append(',')
                .AppendProperty("endLine", finding.Line).Append(',')
                .AppendProperty("startColumn", startColumn).Append(',')
                .AppendProperty("startLine", finding.Line).Append("}},")
                .AppendProperty("ruleId", finding.Code).Append(',')
                .AppendProperty("severity", parseError ? "BLOCKER" : Severity(finding.Severity)).Append(',')
                .AppendProperty("type", parseError || finding.Severity == LintSeverity.Error ? "BUG" : "CODE_SMELL").Append('}');
        }

        writer.Write(builder.Append("]}").ToString());
    }

    /// <summary>hadolint's SonarQube severities: error CRITICAL, warning MAJOR, info MINOR, anything else INFO.</summary>
    public static string Severity(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "CRITICAL",
        LintSeverity.Warning => "MAJOR",
        LintSeverity.Info => "MINOR",
        _ => "INFO",
    };
}
