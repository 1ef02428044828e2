namespace PipelineGuard.Provenance;

/// <summary>
/// Glob matching for registry, repository and image patterns: <c>*</c> matches any run of characters except <c>/</c>,
/// <c>**</c> matches any run including <c>/</c>, <c>?</c> one character. Matching is ordinal and case-insensitive,
/// as registry host names are; repository names are lower case by the distribution spec.
/// </summary>
/// <remarks>
/// The pattern is run as a set of states over the text, once per character: the work is at most
/// 2 × (pattern length + 1) × (text length + 1) steps whatever the number of stars, so no pattern backtracks exponentially.
/// </remarks>
public static class WildcardPattern
{
    /// <summary>Whether <paramref name="text"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool IsMatch(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        return Match(pattern, text, out _);
    }

    /// <summary>Whether any pattern of <paramref name="patterns"/> matches <paramref name="text"/>.</summary>
    public static bool IsMatchAny(IEnumerable<string> patterns, string text) => patterns.Any(p => IsMatch(p, text));

    /// <summary>The match, with the number of state steps it took (for tests bounding the work).</summary>
    internal static bool Match(string pattern, string text, out long steps)
    {
        var tokens = Tokenise(pattern);
        steps = 0;

        // live[i]: the text read so far can be matched by tokens[..i].
        var live = new bool[tokens.Count + 1];
        var next = new bool[tokens.Count + 1];
        live[0] = true;
        Close(tokens, live, ref steps);
        foreach (var c in text)
        {
            Array.Clear(next);
            var any = false;
            for (var i = 0; i < tokens.Count; i++)
            {
                steps++;
                if (!live[i])
                {
                    continue;
                }

                var token = tokens[i];
                switch (token.Kind)
                {
                    case TokenKind.Star when c != '/':
                    case TokenKind.DoubleStar:
                        next[i] = true;
                        any = true;
                        break;
                    case TokenKind.One:
                    case TokenKind.Literal when char.ToLowerInvariant(token.Char) == char.ToLowerInvariant(c):
                        next[i + 1] = true;
                        any = true;
                        break;
                }
            }

            if (!any)
            {
                return false;
            }

            (live, next) = (next, live);
            Close(tokens, live, ref steps);
        }

        return live[tokens.Count];
    }

    /// <summary>A star may match nothing: a live state before a star makes the state after it live.</summary>
    private static void Close(List<Token> tokens, bool[] live, ref long steps)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            steps++;
            if (live[i] && tokens[i].Kind is TokenKind.Star or TokenKind.DoubleStar)
            {
                live[i + 1] = true;
            }
        }
    }

    private static List<Token> Tokenise(string pattern)
    {
        var tokens = new List<Token>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*')
            {
                var doubled = i + 1 < pattern.Length && pattern[i + 1] == '*';
                i += doubled ? 1 : 0;
                tokens.Add(new Token(doubled ? TokenKind.DoubleStar : TokenKind.Star, c));
            }
            else
            {
                tokens.Add(new Token(c == '?' ? TokenKind.One : TokenKind.Literal, c));
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Literal,
        One,
        Star,
        DoubleStar,
    }

    private readonly record struct Token(TokenKind Kind, char Char);
}
