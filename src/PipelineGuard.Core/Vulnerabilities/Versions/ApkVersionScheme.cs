namespace PipelineGuard.Vulnerabilities.Versions;

/// <summary>
/// Alpine's version order (apk-tools' version format, <c>digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}</c>).
/// A version is read as tokens of increasing kind, and two versions compare token by token while the kinds agree:
/// numbers as numbers, except that a dot component with a leading zero on either side compares as text
/// (<c>1.01</c> before <c>1.1</c>); the letter as a character; suffixes in the order <c>_alpha</c>, <c>_beta</c>,
/// <c>_pre</c>, <c>_rc</c>, (none), <c>_cvs</c>, <c>_svn</c>, <c>_git</c>, <c>_hg</c>, <c>_p</c>. When one version goes
/// on where the other stops or changes kind, a pre-release suffix makes it older; otherwise the one whose next token
/// is of the earlier kind is newer (<c>1.0.1</c> after <c>1.0a</c> after <c>1.0_p1</c> after <c>1.0-r1</c> after <c>1.0</c>).
/// </summary>
internal sealed class ApkVersionScheme : VersionScheme
{
    // Index 4 (no suffix) separates pre-releases from post-releases.
    private static readonly string[] Suffixes = ["alpha", "beta", "pre", "rc", string.Empty, "cvs", "svn", "git", "hg", "p"];
    private const int NoSuffix = 4;

    public static ApkVersionScheme Instance { get; } = new();

    public override string Name => "apk";

    // The token kinds in the order a version may hold them.
    private enum Kind
    {
        InitialNumber,
        Number,
        Letter,
        Suffix,
        SuffixNumber,
        CommitHash,
        Revision,
        End,
        Invalid,
    }

    public override string? Validate(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Length == 0)
        {
            return "the version is empty";
        }

        var token = Token.First(version);
        while (token.Kind < Kind.End)
        {
            token = token.Next(version);
        }

        return token.Kind == Kind.End ? null : $"the version cannot be read at position {token.Start + 1}";
    }

    public override int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var a = Token.First(x);
        var b = Token.First(y);
        while (a.Kind == b.Kind && a.Kind < Kind.End)
        {
            var rc = CompareValues(x, a, y, b);
            if (rc != 0)
            {
                return rc;
            }

            a = a.Next(x);
            b = b.Next(y);
        }

        if (a.Kind == b.Kind)
        {
            return 0;
        }

        if (a.Kind == Kind.Suffix && a.Suffix < NoSuffix)
        {
            return -1;
        }

        if (b.Kind == Kind.Suffix && b.Suffix < NoSuffix)
        {
            return 1;
        }

        return a.Kind > b.Kind ? -1 : 1;
    }

    private static int CompareValues(string x, Token a, string y, Token b)
    {
        var va = x.AsSpan(a.Start, a.Length);
        var vb = y.AsSpan(b.Start, b.Length);
        switch (a.Kind)
        {
            case Kind.Number when va[0] == '0' || vb[0] == '0':
            case Kind.CommitHash:
                return Math.Sign(va.SequenceCompareTo(vb));
            case Kind.Number:
            case Kind.InitialNumber:
            case Kind.SuffixNumber:
            case Kind.Revision:
                return CompareNumbers(va, vb);
            case Kind.Letter:
                return va[0].CompareTo(vb[0]);
            case Kind.Suffix:
                return a.Suffix.CompareTo(b.Suffix);
            default:
                return 0;
        }
    }

    // Digit strings as numbers of any size.
    private static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(a.SequenceCompareTo(b));
    }

    /// <summary>One token: its kind, where its value is in the text, and for a suffix its rank.</summary>
    private readonly record struct Token(Kind Kind, int Start, int Length, int Suffix)
    {
        private int End => Start + Length;

        public static Token First(string text) => Digits(Kind.InitialNumber, text, 0);

        public Token Next(string text)
        {
            var i = End;
            if (i >= text.Length)
            {
                return new Token(Kind.End, i, 0, 0);
            }

            var c = text[i];
            switch (c)
            {
                case >= 'a' and <= 'z' when Kind <= Kind.Number:
                    return new Token(Kind.Letter, i, 1, 0);
                case '.' when Kind <= Kind.Number:
                    return Digits(Kind.Number, text, i + 1);
                case >= '0' and <= '9' when Kind is Kind.Suffix:
                    return Digits(Kind.SuffixNumber, text, i);
                case '_' when Kind <= Kind.SuffixNumber:
                    var end = i + 1;
                    while (end < text.Length && char.IsAsciiLetterLower(text[end]))
                    {
                        end++;
                    }

                    var suffix = end == i + 1 ? -1 : Array.IndexOf(Suffixes, text[(i + 1)..end]);
                    return suffix < 0 ? Invalid(i) : new Token(Kind.Suffix, i + 1, end - i - 1, suffix);
                case '~' when Kind < Kind.CommitHash:
                    var hashEnd = i + 1;
                    while (hashEnd < text.Length && char.IsAsciiHexDigit(text[hashEnd]))
                    {
                        hashEnd++;
                    }

                    return hashEnd == i + 1 ? Invalid(i) : new Token(Kind.CommitHash, i + 1, hashEnd - i - 1, 0);
                case '-' when Kind < Kind.Revision && i + 1 < text.Length && text[i + 1] == 'r':
                    return Digits(Kind.Revision, text, i + 2);
                default:
                    return Invalid(i);
            }
        }

        private static Token Digits(Kind kind, string text, int start)
        {
            var end = start;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            return end == start ? Invalid(start) : new Token(kind, start, end - start, 0);
        }

        private static Token Invalid(int at) => new(Kind.Invalid, at, 0, 0);
    }
}
