using System.Xml;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>Checkstyle XML: a <c>file</c> element per Dockerfile with an <c>error</c> per finding (source = rule code).</summary>
public static class CheckstyleLintWriter
{
    /// <summary>Writes the XML document; <paramref name="filePathInReport"/>, when set, names every <c>file</c> element.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer, string? filePathInReport = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        using var xml = XmlWriter.Create(writer, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, CloseOutput = false, NewLineChars = "\n" });
        xml.WriteStartDocument();
        xml.WriteStartElement("checkstyle");
        xml.WriteAttributeString("version", "4.3");
        foreach (var result in results)
        {
            xml.WriteStartElement("file");
            xml.WriteAttributeString("name", filePathInReport ?? result.File);
            foreach (var finding in result.Findings)
            {
                xml.WriteStartElement("error");
                xml.WriteAttributeString("line", finding.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
                xml.WriteAttributeString("column", finding.Column.ToString(System.Globalization.CultureInfo.InvariantCulture));
                xml.WriteAttributeString("severity", finding.Severity.ToName());
                xml.WriteAttributeString("message", finding.Message);
                xml.WriteAttributeString("source", finding.Code);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        writer.Write('\n');
    }
}
