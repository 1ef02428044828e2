namespace PipelineGuard.Dockerfiles;

/// <summary>
/// The pragmas of a file: <c># hadolint ignore=</c> (the instruction on the next line), <c>global ignore=</c> (the
/// whole file), <c>stage ignore=</c> (up to the end of the next stage) and <c>shell=</c>; <c># pipelineguard ...</c> is an alias.
/// </summary>
internal sealed class LintPragmas
{
    private readonly Dictionary<int, HashSet<string>> _lineIgnores = [];
    private readonly HashSet<string> _globalIgnores = new(StringComparer.Ordinal);
    private readonly List<(int From, int To, HashSet<string> Codes)> _stageIgnores = [];

    /// <summary>Inline ignore pragmas (for DL1001).</summary>
    public List<DockerfileComment> InlineIgnoreComments { get; } = [];

    /// <summary>Shell pragmas by line.</summary>
    public List<(int Line, string Shell)> Shells { get; } = [];

    public static LintPragmas Read(DockerfileSyntax syntax)
    {
        var pragmas = new LintPragmas();
        var fromLines = new List<int>();
        foreach (var instruction in syntax.Instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                fromLines.Add(instruction.Line);
            }
        }

        foreach (var comment in syntax.Comments)
        {
            var text = comment.Text.AsSpan();
            if (text.StartsWith("hadolint", StringComparison.OrdinalIgnoreCase))
            {
                text = text[8..];
            }
            else if (text.StartsWith("pipelineguard", StringComparison.OrdinalIgnoreCase))
            {
                text = text[13..];
            }
            else
            {
                continue;
            }

            if (text.Length == 0 || !char.IsWhiteSpace(text[0]))
            {
                continue;
            }

            text = text.TrimStart();
            var scope = "line";
            if (text.StartsWith("global", StringComparison.OrdinalIgnoreCase) && text.Length > 6 && char.IsWhiteSpace(text[6]))
            {
                scope = "global";
                text = text[6..].TrimStart();
            }
            else if (text.StartsWith("stage", StringComparison.OrdinalIgnoreCase) && text.Length > 5 && char.IsWhiteSpace(text[5]))
            {
                scope = "stage";
                text = text[5..].TrimStart();
            }

            if (text.StartsWith("shell", StringComparison.OrdinalIgnoreCase))
            {
                var value = AfterEquals(text[5..]);
                if (value is not null)
                {
                    pragmas.Shells.Add((comment.Span.Line, value.Trim().ToString()));
                }

                continue;
            }

            if (!text.StartsWith("ignore", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var list = AfterEquals(text[6..]);
            if (list is null)
            {
                continue;
            }

            var codes = ReadCodes(list);
            switch (scope)
            {
                case "global":
                    pragmas._globalIgnores.UnionWith(codes);
                    break;
                case "stage":
                    var line = comment.Span.Line;
                    var next = fromLines.FindIndex(l => l > line);
                    var to = next < 0 ? int.MaxValue : next + 1 < fromLines.Count ? fromLines[next + 1] - 1 : int.MaxValue;
                    pragmas._stageIgnores.Add((line, to, codes));
                    break;
                default:
                    pragmas.InlineIgnoreComments.Add(comment);
                    var target = comment.Span.Line + 1;
                    if (!pragmas._lineIgnores.TryGetValue(target, out var set))
                    {
                        pragmas._lineIgnores[target] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.UnionWith(codes);
                    break;
            }
        }

        return pragmas;
    }

    /// <summary>True when a pragma suppresses <paramref name="code"/> for a finding anchored at <paramref name="line"/>.</summary>
    public bool Suppresses(string code, int line)
    {
        if (_globalIgnores.Contains(code))
        {
            return true;
        }

        if (_lineIgnores.TryGetValue(line, out var set) && set.Contains(code))
        {
            return true;
        }

        foreach (var (from, to, codes) in _stageIgnores)
        {
            if (line > from && line <= to && codes.Contains(code))
            {
                return true;
            }
        }

        return false;
    }

    private static string? AfterEquals(ReadOnlySpan<char> text)
    {
        text = text.TrimStart();
        return text.Length > 0 && text[0] == '=' ? text[1..].TrimStart().ToString() : null;
    }

    private static HashSet<string> ReadCodes(string list)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var end = 0;
        while (end < list.Length && list[end] != '#')
        {
            end++;
        }

        foreach (var part in list[..end].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var space = part.IndexOfAny([' ', '\t']);
            codes.Add(space < 0 ? part : part[..space]);
            if (space >= 0)
            {
                break;
            }
        }

        return codes;
    }
}
