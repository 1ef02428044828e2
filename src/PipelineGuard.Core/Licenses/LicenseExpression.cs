using PipelineGuard.Sbom;

namespace PipelineGuard.Licenses;

/// <summary>
/// An SPDX licence expression as a tree (SPDX 2.3 annex D): <c>WITH</c> binds tightest, then <c>AND</c>, then
/// <c>OR</c>. It accepts exactly what <see cref="SpdxExpression.IsValid"/> accepts; anything else is no tree, which
/// the licence check reports as an unknown licence rather than guessing.
/// </summary>
internal abstract record LicenseExpression
{
    /// <summary>The expression as SPDX writes it, with parentheses around every compound operand.</summary>
    public abstract string Text { get; }

    /// <summary>The expression parsed from <paramref name="text"/>, or null when it is not a valid SPDX expression.</summary>
    public static LicenseExpression? Parse(string? text)
    {
        if (!SpdxExpression.IsValid(text))
        {
            return null;
        }

        var tokens = Tokenize(text!);
        var position = 0;
        var tree = ParseOr(tokens, ref position);
        return position == tokens.Count ? tree : null;
    }

    /// <summary>One licence (an id, optionally or-later, optionally with an exception) or a <c>LicenseRef-</c>.</summary>
    public static LicenseLeaf? ParseLeaf(string? text) => Parse(text) as LicenseLeaf;

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text[i] is '(' or ')')
            {
                tokens.Add(text[i].ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')')
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    private static LicenseExpression? ParseOr(List<string> tokens, ref int position)
    {
        var first = ParseAnd(tokens, ref position);
        if (first is null)
        {
            return null;
        }

        var operands = new List<LicenseExpression> { first };
        while (position < tokens.Count && tokens[position] == "OR")
        {
            position++;
            if (ParseAnd(tokens, ref position) is not { } next)
            {
                return null;
            }

            operands.Add(next);
        }

        return operands.Count == 1 ? first : new LicenseChoice(operands);
    }

    private static LicenseExpression? ParseAnd(List<string> tokens, ref int position)
    {
        var first = ParseWith(tokens, ref position);
        if (first is null)
        {
            return null;
        }

        var operands = new List<LicenseExpression> { first };
        while (position < tokens.Count && tokens[position] == "AND")
        {
            position++;
            if (ParseWith(tokens, ref position) is not { } next)
            {
                return null;
            }

            operands.Add(next);
        }

        return operands.Count == 1 ? first : new LicenseConjunction(operands);
    }

    private static LicenseExpression? ParseWith(List<string> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            return null;
        }

        if (tokens[position] == "(")
        {
            position++;
            var inner = ParseOr(tokens, ref position);
            if (inner is null || position >= tokens.Count || tokens[position] != ")")
            {
                return null;
            }

            position++;
            return inner;
        }

        var written = tokens[position++];
        string? exception = null;
        if (position + 1 < tokens.Count && tokens[position] == "WITH")
        {
            exception = SpdxLicenseList.Canonical(tokens[position + 1]) ?? tokens[position + 1];
            position += 2;
        }

        return LicenseLeaf.From(written, exception);
    }
}

/// <summary>
/// One licence of an expression. <see cref="Licence"/> is the SPDX list's spelling without <c>-only</c> or
/// <c>-or-later</c> (<c>GPL-2.0-only</c> and the deprecated <c>GPL-2.0</c> are both <c>GPL-2.0</c>);
/// <see cref="OrLater"/> is set by <c>+</c> or <c>-or-later</c>. A <c>LicenseRef-</c> or <c>DocumentRef-</c> is kept as written.
/// </summary>
internal sealed record LicenseLeaf(string Written, string Licence, bool OrLater, string? Exception, bool IsReference) : LicenseExpression
{
    /// <inheritdoc />
    public override string Text => Exception is null ? Written : $"{Written} WITH {Exception}";

    /// <summary>The leaf for a written id (with its <c>+</c>, if any) and exception.</summary>
    public static LicenseLeaf From(string written, string? exception)
    {
        if (written.StartsWith("LicenseRef-", StringComparison.Ordinal) || written.StartsWith("DocumentRef-", StringComparison.Ordinal))
        {
            return new LicenseLeaf(written, written, false, exception, true);
        }

        var plus = written.EndsWith('+');
        var id = plus ? written[..^1] : written;
        var licence = SpdxLicenseList.Canonical(id) ?? id;
        if (licence.EndsWith("-or-later", StringComparison.OrdinalIgnoreCase))
        {
            licence = licence[..^"-or-later".Length];
            plus = true;
        }
        else if (licence.EndsWith("-only", StringComparison.OrdinalIgnoreCase))
        {
            licence = licence[..^"-only".Length];
        }

        return new LicenseLeaf(written, licence, plus, exception, false);
    }
}

/// <summary><c>AND</c>: every operand applies.</summary>
internal sealed record LicenseConjunction(IReadOnlyList<LicenseExpression> Operands) : LicenseExpression
{
    /// <inheritdoc />
    public override string Text => string.Join(" AND ", Operands.Select(o => o is LicenseLeaf ? o.Text : $"({o.Text})"));
}

/// <summary><c>OR</c>: the user may choose any one operand.</summary>
internal sealed record LicenseChoice(IReadOnlyList<LicenseExpression> Operands) : LicenseExpression
{
    /// <inheritdoc />
    public override string Text => string.Join(" OR ", Operands.Select(o => o is LicenseLeaf ? o.Text : $"({o.Text})"));
}
