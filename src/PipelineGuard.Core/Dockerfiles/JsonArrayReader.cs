using System.Text;

namespace PipelineGuard.Dockerfiles;

/// <summary>Reads the exec (JSON array of strings) form of an instruction with the position of each element; null when it is not one.</summary>
internal static class JsonArrayReader
{
    public static List<SyntaxToken>? TryRead(string text, int[] offsets, SourceText source)
    {
        var tokens = new List<SyntaxToken>();
        var i = SkipSpace(text, 1);
        if (i < text.Length && text[i] == ']')
        {
            return SkipSpace(text, i + 1) == text.Length ? tokens : null;
        }

        while (i < text.Length)
        {
            if (text[i] != '"')
            {
                return null;
            }

            var start = i;
            var value = new StringBuilder();
            i++;
            var closed = false;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"')
                {
                    closed = true;
                    i++;
                    break;
                }

                if (c == '\\')
                {
                    if (i + 1 >= text.Length)
                    {
                        return null;
                    }

                    var e = text[i + 1];
                    switch (e)
                    {
                        case '"': value.Append('"'); break;
                        case '\\': value.Append('\\'); break;
                        case '/': value.Append('/'); break;
                        case 'b': value.Append('\b'); break;
                        case 'f': value.Append('\f'); break;
                        case 'n': value.Append('\n'); break;
                        case 'r': value.Append('\r'); break;
                        case 't': value.Append('\t'); break;
                        case 'u':
                            if (i + 5 >= text.Length || !int.TryParse(text.AsSpan(i + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var code))
                            {
                                return null;
                            }

                            value.Append((char)code);
                            i += 4;
                            break;
                        default:
                            return null;
                    }

                    i += 2;
                    continue;
                }

                if (c < ' ')
                {
                    return null;
                }

                value.Append(c);
                i++;
            }

            if (!closed)
            {
                return null;
            }

            var startOffset = offsets[start];
            var endOffset = offsets[i - 1] + 1;
            tokens.Add(new SyntaxToken(text[start..i], value.ToString(), source.Span(startOffset, endOffset)));
            i = SkipSpace(text, i);
            if (i >= text.Length)
            {
                return null;
            }

            if (text[i] == ']')
            {
                return SkipSpace(text, i + 1) == text.Length ? tokens : null;
            }

            if (text[i] != ',')
            {
                return null;
            }

            i = SkipSpace(text, i + 1);
        }

        return null;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        return i;
    }
}
