using System.Text;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>
/// XML text as hadolint's XML library writes it (for the checkstyle and junit formats): attributes in double quotes
/// escaping <c>&lt;</c>, <c>&amp;</c> and <c>"</c> (not <c>&gt;</c>, and newlines as they are); text escaping
/// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>. Characters XML 1.0 cannot hold (other control characters, U+FFFE, U+FFFF,
/// lone surrogates) become U+FFFD so the document stays well-formed.
/// </summary>
internal static class XmlConduitText
{
    /// <summary>Appends <c> name="value"</c>.</summary>
    public static StringBuilder AppendXmlAttribute(this StringBuilder xml, string name, string value)
    {
        xml.Append(' ').Append(name).Append("=\"");
        Escape(xml, value, attribute: true);
        return xml.Append('"');
    }

    /// <summary>Appends element text.</summary>
    public static StringBuilder AppendXmlText(this StringBuilder xml, string value)
    {
        Escape(xml, value, attribute: false);
        return xml;
    }

    private static void Escape(StringBuilder xml, string value, bool attribute)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '<': xml.Append("&lt;"); break;
                case '&': xml.Append("&amp;"); break;
                case '>' when !attribute: xml.Append("&gt;"); break;
                case '"' when attribute: xml.Append("&quot;"); break;
                case '\t' or '\n' or '\r': xml.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': xml.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        xml.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        xml.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    break;
            }
        }
    }
}
