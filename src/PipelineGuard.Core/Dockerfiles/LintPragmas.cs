namespace PipelineGuard.Dockerfiles;

/// <summary>
/// The pragmas of a file: <c># hadolint ignore=</c> (the instruction on the next line), <c>global ignore=</c> (the
/// whole file), <c>stage ignore=</c> (up to the end of the next stage) and <c>shell=</c>; <c># pipelineguard ...</c> is an alias.
/// </summary>
internal sealed class LintPragmas
{
    private readonly Dictionary<int, HashSet<string>> _lineIgnores = [];
    private readonly HashSet<string> _globalIgnores = new(StringComparer.Ordinal);
    private readonly Dictionary<int, HashSet<string>> _stageIgnores = [];
    private readonly List<int> _fromLines = [];

    /// <summary>Inline ignore pragmas (for DL1001).</summary>
    public List<DockerfileComment> InlineIgnoreComments { get; } = [];

    /// <summary>Shell pragmas by line.</summary>
    public List<(int Line, string Shell)> Shells { get; } = [];

    public static LintPragmas Read(DockerfileSyntax syntax)
    {
        var pragmas = new LintPragmas();
        var fromLines = pragmas._fromLines;
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
                    // The stage that starts at the next FROM after the pragma.
                    var stage = StageIndexAfter(fromLines, comment.Span.Line);
                    if (!pragmas._stageIgnores.TryGetValue(stage, out var stageSet))
                    {
                        pragmas._stageIgnores[stage] = stageSet = new HashSet<string>(StringComparer.Ordinal);
                    }

                    stageSet.UnionWith(codes);
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

        if (_stageIgnores.Count > 0)
        {
            // The stage holding the line: the last FROM at or before it.
            var stage = StageIndexAfter(_fromLines, line) - 1;
            if (_stageIgnores.TryGetValue(stage, out var stageSet) && stageSet.Contains(code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Index of the first FROM on a line after <paramref name="line"/> (binary search).</summary>
    private static int StageIndexAfter(List<int> fromLines, int line)
    {
        int low = 0, high = fromLines.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (fromLines[mid] <= line)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
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
