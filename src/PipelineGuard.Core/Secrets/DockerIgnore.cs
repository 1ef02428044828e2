using System.Text;
using System.Text.RegularExpressions;

namespace PipelineGuard.Secrets;

/// <summary>
/// A <c>.dockerignore</c> file read and matched as BuildKit and moby's <c>patternmatcher</c> do: <c>#</c> comments only at
/// the start of a line, white space trimmed, <c>!</c> exceptions, each pattern cleaned as Go's <c>filepath.Clean</c> does
/// with a leading <c>/</c> dropped; <c>*</c> and <c>?</c> stop at <c>/</c>, <c>**</c> spans folders (<c>**/</c> also none),
/// <c>\</c> escapes; the last pattern that matches a path, or one of its parent folders, decides.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<Pattern> _patterns;

    private DockerIgnore(List<Pattern> patterns, string? source)
    {
        _patterns = patterns;
        Source = source;
    }

    /// <summary>No patterns: everything is in the context.</summary>
    public static DockerIgnore Empty { get; } = new([], null);

    /// <summary>The file the patterns came from (for evidence and errors), or null.</summary>
    public string? Source { get; }

    /// <summary>The patterns as cleaned, <c>!</c> kept, in file order.</summary>
    public IReadOnlyList<string> Patterns => [.. _patterns.Select(p => (p.Exclusion ? "!" : string.Empty) + p.Cleaned)];

    /// <summary>Reads <paramref name="text"/>; an invalid pattern (<c>!</c> alone, an unclosed <c>[</c>) is an error naming <paramref name="source"/> and the line.</summary>
    public static (DockerIgnore? Ignore, string? Error) Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var patterns = new List<Pattern>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var pattern = line.Trim();
            if (pattern.Length == 0)
            {
                continue;
            }

            var exclusion = pattern[0] == '!';
            if (exclusion)
            {
                pattern = pattern[1..].Trim();
                if (pattern.Length == 0)
                {
                    return (null, $"{source}:{i + 1}: illegal exclusion pattern: \"!\"");
                }
            }

            pattern = Clean(pattern);
            if (pattern.Length > 1 && pattern[0] == '/')
            {
                pattern = pattern[1..];
            }

            if (Compile(pattern, exclusion) is not { } compiled)
            {
                return (null, $"{source}:{i + 1}: syntax error in pattern {pattern}");
            }

            patterns.Add(compiled);
        }

        return (new DockerIgnore(patterns, source), null);
    }

    /// <summary>Whether the context path <paramref name="path"/> (<c>/</c>-separated, relative) is left out of the context.</summary>
    public bool Excludes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = Clean(path);
        if (path == "." || _patterns.Count == 0)
        {
            return false;
        }

        var parent = ParentOf(path);
        var parentDirs = parent.Split('/');
        var matched = false;
        foreach (var pattern in _patterns)
        {
            // An inclusion cannot change a matched path, an exception cannot change an unmatched one.
            if (pattern.Exclusion != matched)
            {
                continue;
            }

            var match = pattern.Matches(path);
            if (!match && parent != ".")
            {
                for (var i = 0; i < parentDirs.Length && !match; i++)
                {
                    match = pattern.Matches(string.Join('/', parentDirs, 0, i + 1));
                }
            }

            if (match)
            {
                matched = !pattern.Exclusion;
            }
        }

        return matched;
    }

    /// <summary>Go's <c>filepath.Clean</c> for <c>/</c>-separated paths.</summary>
    public static string Clean(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add(part);
                }

                continue;
            }

            parts.Add(part);
        }

        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : path[..slash];
    }

    /// <summary>patternmatcher's compile: an exact, prefix (<c>dir/**</c>), suffix (<c>**/name</c>) or regular-expression match.</summary>
    private static Pattern? Compile(string pattern, bool exclusion)
    {
        var regex = new StringBuilder("^");
        var type = MatchType.Exact;
        var i = 0;
        for (var index = 0; i < pattern.Length; index++)
        {
            var ch = pattern[i++];
            if (ch == '*')
            {
                if (i < pattern.Length && pattern[i] == '*')
                {
                    i++;
                    if (i < pattern.Length && pattern[i] == '/')
                    {
                        i++;
                    }

                    if (i >= pattern.Length)
                    {
                        if (type == MatchType.Exact)
                        {
                            type = MatchType.Prefix;
                        }
                        else
                        {
                            regex.Append(".*");
                            type = MatchType.Regex;
                        }
                    }
                    else
                    {
                        regex.Append("(.*/)?");
                        type = MatchType.Regex;
                    }

                    if (index == 0)
                    {
                        type = MatchType.Suffix;
                    }
                }
                else
                {
                    regex.Append("[^/]*");
                    type = MatchType.Regex;
                }
            }
            else if (ch == '?')
            {
                regex.Append("[^/]");
                type = MatchType.Regex;
            }
            else if (".+()|{}$".Contains(ch, StringComparison.Ordinal))
            {
                regex.Append('\\').Append(ch);
            }
            else if (ch == '\\')
            {
                if (i < pattern.Length)
                {
                    regex.Append('\\').Append(pattern[i++]);
                    type = MatchType.Regex;
                }
                else
                {
                    regex.Append(@"\\");
                }
            }
            else if (ch is '[' or ']')
            {
                regex.Append(ch);
                type = MatchType.Regex;
            }
            else
            {
                regex.Append(ch);
            }
        }

        if (type != MatchType.Regex)
        {
            return new Pattern(pattern, exclusion, type, null);
        }

        try
        {
            return new Pattern(pattern, exclusion, type, new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private enum MatchType
    {
        Exact,
        Prefix,
        Suffix,
        Regex,
    }

    private sealed record Pattern(string Cleaned, bool Exclusion, MatchType Type, Regex? Regex)
    {
        public bool Matches(string path) => Type switch
        {
            MatchType.Exact => path == Cleaned,
            MatchType.Prefix => path.StartsWith(Cleaned[..^2], StringComparison.Ordinal),
            MatchType.Suffix => path.EndsWith(Cleaned[2..], StringComparison.Ordinal) || (Cleaned.Length > 2 && Cleaned[2] == '/' && path == Cleaned[3..]),
            _ => Regex!.IsMatch(path),
        };
    }
}
