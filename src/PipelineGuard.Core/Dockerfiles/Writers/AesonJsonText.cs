using System.Globalization;
using System.Text;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>
/// JSON text as hadolint's encoder writes it, so the codeclimate, gitlab_codeclimate, codacy and sonarqube outputs
/// (and the fingerprints hashed from them) are byte for byte the same: no whitespace, keys in the order the caller
/// writes them (sorted, as hadolint's are), and strings escaping only <c>"</c>, <c>\</c> and control characters
/// (<c>\n</c>, <c>\r</c>, <c>\t</c>, the rest as lower-case <c>\u00xx</c>); everything else is written as UTF-8.
/// </summary>
internal static class AesonJsonText
{
    /// <summary>Appends <paramref name="value"/> as a JSON string.</summary>
    public static StringBuilder AppendString(this StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ':
                    builder.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    // A lone surrogate cannot be UTF-8: hadolint's text type holds U+FFFD there.
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    break;
            }
        }

        return builder.Append('"');
    }

    /// <summary>Appends <c>"name":</c>.</summary>
    public static StringBuilder AppendKey(this StringBuilder builder, string name) => builder.AppendString(name).Append(':');

    /// <summary>Appends <c>"name":"value"</c>.</summary>
    public static StringBuilder AppendProperty(this StringBuilder builder, string name, string value) => builder.AppendKey(name).AppendString(value);

    /// <summary>Appends <c>"name":number</c>.</summary>
    public static StringBuilder AppendProperty(this StringBuilder builder, string name, int value) => builder.AppendKey(name).Append(value.ToString(CultureInfo.InvariantCulture));
}
