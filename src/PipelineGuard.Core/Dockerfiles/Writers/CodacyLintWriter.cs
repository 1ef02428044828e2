using System.Text;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>
/// hadolint's <c>codacy</c> format: one JSON object per finding and line,
/// <c>{"filename","line","message","patternId"}</c> in that (sorted) order. The file name is always the path of the
/// file linted (hadolint does not apply <c>--file-path-in-report</c> here).
/// </summary>
public static class CodacyLintWriter
{
    /// <summary>Writes one line per finding.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        var builder = new StringBuilder(256);
        foreach (var finding in results.SelectMany(r => r.Findings))
        {
            builder.Clear().Append('{')
                .AppendProperty("filename", finding.File).Append(',')
                .AppendProperty("line", finding.Line).Append(',')
                .AppendProperty("message", finding.Message).Append(',')
                .AppendProperty("patternId", finding.Code).Append("}\n");
            writer.Write(builder.ToString());
        }
    }
}
