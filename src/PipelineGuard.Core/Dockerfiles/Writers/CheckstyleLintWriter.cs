using System.Globalization;
using System.Text;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>
/// hadolint's <c>checkstyle</c> format: a <c>file</c> element per Dockerfile that has findings, with an <c>error</c> per
/// finding (<c>column</c>, <c>line</c>, <c>message</c>, <c>severity</c>, <c>source</c> = rule code; a DL1000 parse
/// error has no <c>source</c>), written as hadolint writes it: on one line, attributes sorted, no trailing newline.
/// </summary>
public static class CheckstyleLintWriter
{
    /// <summary>Writes the XML document; <paramref name="filePathInReport"/>, when set, names every <c>file</c> element.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer, string? filePathInReport = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><checkstyle");
        xml.AppendXmlAttribute("version", "4.3");
        var files = results.Where(r => r.Findings.Count > 0).ToList();
        if (files.Count == 0)
        {
            writer.Write(xml.Append("/>").ToString());
            return;
        }

        xml.Append('>');
        foreach (var result in files)
        {
            xml.Append("<file").AppendXmlAttribute("name", filePathInReport ?? result.File).Append('>');
            foreach (var finding in result.Findings)
            {
                xml.Append("<error")
                    .AppendXmlAttribute("column", finding.Column.ToString(CultureInfo.InvariantCulture))
                    .AppendXmlAttribute("line", finding.Line.ToString(CultureInfo.InvariantCulture))
                    .AppendXmlAttribute("message", finding.Message)
                    .AppendXmlAttribute("severity", finding.Severity.ToName());
                if (!CodeClimateLintWriter.IsParseError(finding))
                {
                    xml.AppendXmlAttribute("source", finding.Code);
                }

                xml.Append("/>");
            }

            xml.Append("</file>");
        }

        writer.Write(xml.Append("</checkstyle>").ToString());
    }
}
