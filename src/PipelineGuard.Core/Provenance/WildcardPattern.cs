namespace PipelineGuard.Provenance;

/// <summary>
/// Glob matching for registry, repository and image patterns: <c>*</c> matches any run of characters except <c>/</c>,
/// <c>**</c> matches any run including <c>/</c>, <c>?</c> one character. Matching is ordinal and case-insensitive,
/// as registry host names are; repository names are lower case by the distribution spec.
/// </summary>
public static class WildcardPattern
{
    /// <summary>Whether <paramref name="text"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool IsMatch(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        return Match(pattern.AsSpan(), text.AsSpan());
    }

    /// <summary>Whether any pattern of <paramref name="patterns"/> matches <paramref name="text"/>.</summary>
    public static bool IsMatchAny(IEnumerable<string> patterns, string text) => patterns.Any(p => IsMatch(p, text));

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (true)
        {
            if (pattern.IsEmpty)
            {
                return text.IsEmpty;
            }

            var head = pattern[0];
            if (head == '*')
            {
                var crossesSlash = pattern.Length > 1 && pattern[1] == '*';
                var rest = pattern[(crossesSlash ? 2 : 1)..];
                for (var i = 0; i <= text.Length; i++)
                {
                    if (Match(rest, text[i..]))
                    {
                        return true;
                    }

                    if (i < text.Length && !crossesSlash && text[i] == '/')
                    {
                        return false;
                    }
                }

                return false;
            }

            if (text.IsEmpty)
            {
                return false;
            }

            if (head != '?' && char.ToLowerInvariant(head) != char.ToLowerInvariant(text[0]))
            {
                return false;
            }

            pattern = pattern[1..];
            text = text[1..];
        }
    }
}
