using System.Globalization;
using System.Text;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>
/// hadolint's <c>junit</c> format: <c>testsuites</c> (id and name from the run's UTC time), a <c>testsuite</c> per
/// Dockerfile (<c>failures</c> counts every finding, <c>errors</c> the DL1000 parse errors) and a <c>testcase</c> with one
/// <c>failure</c> per finding. Written as hadolint's XML library writes it: the declaration and the elements on one line,
/// attributes sorted by name in double quotes, no trailing newline; attribute values escape <c>&lt;</c>, <c>&amp;</c>
/// and <c>"</c>, text escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>. Characters XML 1.0 cannot hold become U+FFFD.
/// </summary>
public static class JUnitLintWriter
{
    private const string ProviderId = "pipelineguard";
    private const string Time = "0.001";

    /// <summary>
    /// Writes the document. <paramref name="filePathInReport"/>, when set, is the file named in every failure;
    /// <paramref name="timestamp"/> dates the run (hadolint uses the current time).
    /// </summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer, DateTimeOffset timestamp, string? filePathInReport = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        var utc = timestamp.UtcDateTime;
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.Append("<testsuites");
        Attribute(xml, "id", utc.ToString("yyyyMMdd'_'HHmmss", CultureInfo.InvariantCulture));
        Attribute(xml, "name", $"{PipelineGuardInfo.ProductName} run at {utc.ToString("yyyy'-'MM'-'dd HH':'mm':'ss", CultureInfo.InvariantCulture)}");
        Attribute(xml, "time", Time);
        if (results.Count == 0)
        {
            writer.Write(xml.Append("/>").ToString());
            return;
        }

        xml.Append('>');
        foreach (var result in results)
        {
            var file = filePathInReport ?? result.File;
            xml.Append("<testsuite");
            Attribute(xml, "errors", result.Findings.Count(CodeClimateLintWriter.IsParseError).ToString(CultureInfo.InvariantCulture));
            Attribute(xml, "failures", result.Findings.Count.ToString(CultureInfo.InvariantCulture));
            Attribute(xml, "id", ProviderId);
            Attribute(xml, "name", $"{PipelineGuardInfo.ProductName} {PipelineGuardInfo.ShortVersion}");
            Attribute(xml, "time", Time);
            if (result.Findings.Count == 0)
            {
                xml.Append("/>");
                continue;
            }

            xml.Append('>');
            foreach (var finding in result.Findings)
            {
                AppendTestCase(xml, finding, file);
            }

            xml.Append("</testsuite>");
        }

        writer.Write(xml.Append("</testsuites>").ToString());
    }

    private static void AppendTestCase(StringBuilder xml, LintFinding finding, string file)
    {
        var line = finding.Line.ToString(CultureInfo.InvariantCulture);
        xml.Append("<testcase");
        if (CodeClimateLintWriter.IsParseError(finding))
        {
            var column = finding.Column.ToString(CultureInfo.InvariantCulture);
            Attribute(xml, "id", ProviderId + ".error");
            Attribute(xml, "name", finding.Code);
            Attribute(xml, "time", Time);
            xml.Append("><failure");
            Attribute(xml, "message", $"parse error at line {line}, column {column}");
            Attribute(xml, "type", "error");
            xml.Append('>');
            Text(xml, $"Parse Error in {file}\nLine: {line}\nColumn: {column}\nParse Error: {finding.Message}\n");
        }
        else
        {
            var level = finding.Severity.ToName();
            Attribute(xml, "id", $"{ProviderId}.rule.{finding.Code}");
            Attribute(xml, "time", Time);
            xml.Append("><failure");
            Attribute(xml, "id", finding.Code);
            Attribute(xml, "message", finding.Message);
            Attribute(xml, "type", level);
            xml.Append('>');
            Text(xml, $"File: {file}\nLine: {line}\nCategory: {PipelineGuardInfo.ProductName} - Dockerfile Static Analysis\n{level}: {finding.Message}\n");
        }

        xml.Append("</failure></testcase>");
    }

    private static void Attribute(StringBuilder xml, string name, string value) => xml.AppendXmlAttribute(name, value);

    private static void Text(StringBuilder xml, string value) => xml.AppendXmlText(value);
}
