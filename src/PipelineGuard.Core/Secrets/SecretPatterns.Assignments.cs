using System.Buffers;
using System.Text;

namespace PipelineGuard.Secrets;

/// <summary>
/// Secrets in files: the value formats, then assignments (<c>NAME=value</c>, <c>name: value</c>, <c>"name": "value"</c>,
/// <c>Password=value;</c> in a connection string) whose name is sensitive and whose value has the shape and entropy of
/// a secret. The name parts are found in one pass (<see cref="SearchValues{T}"/> of strings); only there is a line parsed.
/// </summary>
public static partial class SecretPatterns
{
    private static readonly string[] NameParts = ["pass", "pwd", "secret", "token", "key", "credential", "auth"];

#if NET9_0_OR_GREATER
    private static readonly SearchValues<string> NamePrefilter = SearchValues.Create(NameParts, StringComparison.OrdinalIgnoreCase);
#endif

    private static readonly SearchValues<char> NameChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");

    /// <summary>Characters that make a value code, a template or a reference rather than a literal secret.</summary>
    private static readonly SearchValues<char> CodeChars = SearchValues.Create("()[]{}$%<>`\\");

    /// <summary>Words that mark a sample value ("your-password-here").</summary>
    private static readonly string[] SampleWords = ["example", "placeholder", "changeme", "change_me", "change-me", "your_", "your-", "yourpass", "xxxx", "****", "redacted", "sample", "dummy", "<", "notasecret", "not-a-secret", "secret_here", "here"];

    /// <summary>
    /// Every secret in a file's text: value formats first, then sensitive assignments that no format match covers,
    /// in text order. <paramref name="text"/> is searched whole (multi-line formats such as PEM keys included).
    /// </summary>
    public static List<SecretMatch> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = FindValues(text);
        var assignments = FindAssignments(text, matches);
        if (assignments.Count == 0)
        {
            return matches;
        }

        matches.AddRange(assignments);
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        return matches;
    }

    /// <summary>Sensitive assignments in <paramref name="text"/> whose value does not overlap <paramref name="known"/>.</summary>
    private static List<SecretMatch> FindAssignments(string text, List<SecretMatch> known)
    {
        var found = new List<SecretMatch>();
        var position = 0;
        var span = text.AsSpan();
        while (position < text.Length)
        {
            var offset = IndexOfNamePart(span[position..]);
            if (offset < 0)
            {
                break;
            }

            var hit = position + offset;
            var nameStart = hit;
            while (nameStart > 0 && NameChars.Contains(text[nameStart - 1]))
            {
                nameStart--;
            }

            var nameEnd = hit;
            while (nameEnd < text.Length && NameChars.Contains(text[nameEnd]))
            {
                nameEnd++;
            }

            position = nameEnd + 1;
            if (ParseAssignment(text, nameStart, nameEnd) is not { } value)
            {
                continue;
            }

            position = Math.Max(position, value.Start + value.Length);
            var name = NormalizeName(text.AsSpan(nameStart, nameEnd - nameStart));
            var literal = text.Substring(value.Start, value.Length);
            if (OverlapsAny(known, value.Start, value.Length) || OverlapsAny(found, value.Start, value.Length))
            {
                continue;
            }

            if (IsAwsSecretKeyShape(literal) && name.Contains("SECRET", StringComparison.Ordinal))
            {
                found.Add(new SecretMatch(SecretRuleCatalog.AwsSecretAccessKey, "AWS secret access key", value.Start, value.Length, Fingerprint(literal)));
            }
            else if (name.Length > 3 && IsSensitiveName(name) && LooksLikeSecretValue(name, literal) && HasSecretShape(literal))
            {
                found.Add(new SecretMatch(SecretRuleCatalog.SensitiveAssignment, KindOfName(name), value.Start, value.Length, Fingerprint(literal)));
            }
        }

        return found;
    }

    /// <summary>
    /// The value after a name: optional closing quote, spaces, <c>=</c> or <c>:</c> (or <c>:=</c>, <c>=&gt;</c>), spaces,
    /// then a quoted value (up to the same quote, on one line) or a bare one (up to white space, <c>,</c>, <c>;</c>, <c>#</c>).
    /// </summary>
    private static (int Start, int Length)? ParseAssignment(string text, int nameStart, int nameEnd)
    {
        if (nameEnd == nameStart)
        {
            return null;
        }

        var i = nameEnd;
        if (i < text.Length && text[i] is '"' or '\'')
        {
            i++;
        }

        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= text.Length || text[i] is not ('=' or ':'))
        {
            return null;
        }

        i++;
        if (i < text.Length && text[i] is '=' or '>')
        {
            i++;
        }

        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= text.Length)
        {
            return null;
        }

        const int MaxValue = 512;
        if (text[i] is '"' or '\'')
        {
            var quote = text[i];
            var start = i + 1;
            var end = start;
            while (end < text.Length && text[end] != quote && text[end] is not ('\n' or '\r') && end - start <= MaxValue)
            {
                end++;
            }

            return end < text.Length && text[end] == quote && end > start ? (start, end - start) : null;
        }

        var bare = i;
        while (bare < text.Length && !char.IsWhiteSpace(text[bare]) && text[bare] is not (',' or ';' or '#' or '"' or '\'') && bare - i <= MaxValue)
        {
            bare++;
        }

        return bare > i && bare - i <= MaxValue ? (i, bare - i) : null;
    }

    /// <summary>
    /// The shape a literal secret in a file has: at least 8 characters, no spaces or code characters, not a sample, and
    /// either letters with digits or symbols, or (long) high entropy; <c>development</c> or <c>PasswordHasher</c> are not secrets.
    /// </summary>
    private static bool HasSecretShape(string value)
    {
        if (value.Length < 8 || value.AsSpan().IndexOfAny(CodeChars) >= 0 || value.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var word in SampleWords)
        {
            if (value.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var letters = value.Count(char.IsLetter);
        var digits = value.Count(char.IsAsciiDigit);
        var symbols = value.Length - letters - digits;
        if (letters == 0)
        {
            return false;
        }

        var entropy = ShannonEntropy(value);
        return ((digits > 0 || symbols > 0) && entropy >= 2.5) || (value.Length >= 16 && entropy >= 3.5);
    }

    /// <summary><c>dbPassword</c>, <c>spring.datasource.password</c>, <c>client-secret</c> as <c>DB_PASSWORD</c>, <c>SPRING_DATASOURCE_PASSWORD</c>, <c>CLIENT_SECRET</c>.</summary>
    private static string NormalizeName(ReadOnlySpan<char> name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '.' or '-')
            {
                builder.Append('_');
                continue;
            }

            if (char.IsAsciiLetterUpper(c) && i > 0 && char.IsAsciiLetterLower(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    private static bool OverlapsAny(List<SecretMatch> matches, int start, int length)
    {
        foreach (var m in matches)
        {
            if (start < m.Start + m.Length && m.Start < start + length)
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOfNamePart(ReadOnlySpan<char> text)
    {
#if NET9_0_OR_GREATER
        return text.IndexOfAny(NamePrefilter);
#else
        var first = -1;
        foreach (var part in NameParts)
        {
            var i = text.IndexOf(part, StringComparison.OrdinalIgnoreCase);
            if (i >= 0 && (first < 0 || i < first))
            {
                first = i;
            }
        }

        return first;
#endif
    }
}
