using System.Text;

namespace PipelineGuard.Dockerfiles;

/// <summary>Expands <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR-default}</c>, <c>${VAR:+alt}</c> and <c>${VAR+alt}</c> as the Dockerfile frontend does.</summary>
internal static class VariableExpander
{
    /// <summary>Expands the variables of <paramref name="text"/>; unknown variables (or ones without a value) stay as written and clear <paramref name="complete"/>.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string?> variables, out bool complete)
    {
        complete = true;
        if (text.IndexOf('$', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    builder.Append(text, i, text.Length - i);
                    complete = false;
                    break;
                }

                var inner = text.AsSpan(i + 2, close - i - 2);
                var nameLength = 0;
                while (nameLength < inner.Length && IsNameChar(inner[nameLength]))
                {
                    nameLength++;
                }

                var name = inner[..nameLength].ToString();
                var modifier = inner[nameLength..];
                variables.TryGetValue(name, out var value);
                var isSet = value is not null;
                if (modifier.Length == 0)
                {
                    if (isSet)
                    {
                        builder.Append(value);
                    }
                    else
                    {
                        builder.Append(text, i, close - i + 1);
                        complete = false;
                    }
                }
                else if (modifier.StartsWith(":-") || modifier.StartsWith("-"))
                {
                    var word = modifier[(modifier[0] == ':' ? 2 : 1)..];
                    var useValue = isSet && (modifier[0] != ':' || value!.Length > 0);
                    builder.Append(useValue ? value : word.ToString());
                }
                else if (modifier.StartsWith(":+") || modifier.StartsWith("+"))
                {
                    var word = modifier[(modifier[0] == ':' ? 2 : 1)..];
                    var useWord = isSet && (modifier[0] != ':' || value!.Length > 0);
                    if (useWord)
                    {
                        builder.Append(word);
                    }
                }
                else
                {
                    builder.Append(text, i, close - i + 1);
                    complete = false;
                }

                i = close + 1;
            }
            else if (IsNameStart(text[i + 1]))
            {
                var start = i + 1;
                var end = start;
                while (end < text.Length && IsNameChar(text[end]))
                {
                    end++;
                }

                var name = text[start..end];
                if (variables.TryGetValue(name, out var value) && value is not null)
                {
                    builder.Append(value);
                }
                else
                {
                    builder.Append(text, i, end - i);
                    complete = false;
                }

                i = end;
            }
            else
            {
                builder.Append(c);
                i++;
            }
        }

        return builder.ToString();
    }

    private static bool IsNameStart(char c) => c == '_' || char.IsAsciiLetter(c);

    private static bool IsNameChar(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);
}
