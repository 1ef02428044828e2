namespace PipelineGuard.Sbom;

/// <summary>
/// Checks SPDX licence expressions (SPDX 2.3 annex D): ids from <see cref="SpdxLicenseList"/> with an optional
/// <c>+</c>, <c>LicenseRef-</c>/<c>DocumentRef-</c> references, <c>WITH</c> exceptions, <c>AND</c>/<c>OR</c> and
/// parentheses. It validates; it never splits an expression.
/// </summary>
public static class SpdxExpression
{
    /// <summary>How deep parentheses may nest; an expression nested deeper is not valid.</summary>
    internal const int MaxDepth = 32;

    /// <summary>Whether <paramref name="expression"/> is a valid SPDX licence expression.</summary>
    public static bool IsValid(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        var tokens = Tokenize(expression);
        if (tokens is null)
        {
            return false;
        }

        var position = 0;
        return ParseOr(tokens, ref position, 0) && position == tokens.Count;
    }

    /// <summary>Whether <paramref name="expression"/> is one valid SPDX licence id (no operators), so it can be a CycloneDX <c>license.id</c>.</summary>
    public static bool IsSingleId(string? expression)
        => expression is not null && !expression.Contains(' ', StringComparison.Ordinal) && !expression.EndsWith('+') && SpdxLicenseList.IsValidId(expression)
           && !expression.Contains("exception", StringComparison.OrdinalIgnoreCase);

    private static List<string>? Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')')
                {
                    if (!(char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '.' or '+' or ':'))
                    {
                        return null;
                    }

                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    private static bool ParseOr(List<string> tokens, ref int position, int depth)
    {
        if (!ParseAnd(tokens, ref position, depth))
        {
            return false;
        }

        while (position < tokens.Count && tokens[position].Equals("OR", StringComparison.Ordinal))
        {
            position++;
            if (!ParseAnd(tokens, ref position, depth))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ParseAnd(List<string> tokens, ref int position, int depth)
    {
        if (!ParseWith(tokens, ref position, depth))
        {
            return false;
        }

        while (position < tokens.Count && tokens[position].Equals("AND", StringComparison.Ordinal))
        {
            position++;
            if (!ParseWith(tokens, ref position, depth))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ParseWith(List<string> tokens, ref int position, int depth)
    {
        if (position >= tokens.Count)
        {
            return false;
        }

        if (tokens[position] == "(")
        {
            // Parentheses nested deeper than any real licence needs are refused, not recursed into until the stack ends.
            position++;
            if (depth >= MaxDepth || !ParseOr(tokens, ref position, depth + 1) || position >= tokens.Count || tokens[position] != ")")
            {
                return false;
            }

            position++;
            return true;
        }

        if (!IsLicenseRef(tokens[position]))
        {
            return false;
        }

        position++;
        if (position < tokens.Count && tokens[position].Equals("WITH", StringComparison.Ordinal))
        {
            position++;
            if (position >= tokens.Count || !(SpdxLicenseList.IsValidId(tokens[position]) || tokens[position].StartsWith("AdditionRef-", StringComparison.Ordinal)))
            {
                return false;
            }

            position++;
        }

        return true;
    }

    private static bool IsLicenseRef(string token)
    {
        if (token is "AND" or "OR" or "WITH" or "(" or ")")
        {
            return false;
        }

        if (token.StartsWith("LicenseRef-", StringComparison.Ordinal) || token.StartsWith("DocumentRef-", StringComparison.Ordinal))
        {
            return token.Length > "LicenseRef-".Length && !token.EndsWith('+');
        }

        var id = token.EndsWith('+') ? token[..^1] : token;
        return !id.Contains(':', StringComparison.Ordinal) && SpdxLicenseList.IsValidId(id);
    }
}
