using System.Text;

namespace PipelineGuard.Dockerfiles.Shell;

/// <summary>
/// Splits a POSIX shell script into simple commands on <c>&amp;&amp;</c>, <c>||</c>, <c>;</c>, <c>|</c>, <c>&amp;</c>,
/// newlines and subshells, with quoting, escapes and continuations resolved. Command substitutions are parsed too,
/// so <c>$(curl ...)</c> yields a <c>curl</c> command. Linear in the script length (nesting is bounded); never throws.
/// </summary>
public static class ShellParser
{
    private const int MaxDepth = 8;

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time", "exec",
    };

    /// <summary>Parses <paramref name="script"/>.</summary>
    public static ShellScript Parse(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var lexer = new Lexer(script);
        lexer.ParseRange(0, script.Length, 0);
        return new ShellScript(script, lexer.Commands, lexer.HasPipe);
    }

    /// <summary>A script made of one command given as an exec-form array (<c>RUN ["apt-get", "install", "x"]</c>).</summary>
    public static ShellScript FromExecForm(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var text = string.Join(' ', words);
        var list = new List<ShellWord>(words.Count);
        var offset = 0;
        foreach (var word in words)
        {
            list.Add(new ShellWord(word, offset, offset + word.Length, false));
            offset += word.Length + 1;
        }

        if (list.Count == 0)
        {
            return new ShellScript(text, [], false);
        }

        return new ShellScript(text, [new ShellCommand(list[0].Value, list[0], list.GetRange(1, list.Count - 1), [], false)], false);
    }

    private sealed class Lexer(string s)
    {
        private readonly StringBuilder _value = new();

        public List<ShellCommand> Commands { get; } = [];

        public bool HasPipe { get; private set; }

        /// <summary>How many <c>case ... esac</c> are open, and whether a pattern (where <c>|</c> separates alternatives) is next.</summary>
        private int _caseDepth;
        private bool _casePattern;

        private static bool IsCaseHeader(List<ShellWord> words) =>
            words.Count >= 3 && !words[0].Quoted && words[0].Value == "case" && words.Exists(w => !w.Quoted && w.Value == "in");

        public void ParseRange(int start, int end, int depth)
        {
            var words = new List<ShellWord>();
            var pipedIn = false;
            var i = start;
            while (i < end)
            {
                var c = s[i];
                switch (c)
                {
                    case ' ' or '\t' or '\r' or '\f' or '\v':
                        i++;
                        continue;
                    case '\\' when i + 1 < end && s[i + 1] is '\n' or '\r':
                        i += 2;
                        if (i < end && s[i - 1] == '\r' && s[i] == '\n')
                        {
                            i++;
                        }

                        continue;
                    case '\n' or ';':
                        Finish(words, pipedIn, false);
                        pipedIn = false;
                        if (c == ';' && _caseDepth > 0 && i + 1 < end && s[i + 1] is ';' or '&')
                        {
                            // `;;`, `;&` and `;;&` end a case branch: a pattern follows.
                            _casePattern = true;
                            i += i + 2 < end && s[i + 1] == ';' && s[i + 2] == '&' ? 3 : 2;
                            continue;
                        }

                        i++;
                        continue;
                    case '&':
                        if (i + 1 < end && s[i + 1] == '>')
                        {
                            i = SkipRedirection(i, end, depth);
                            continue;
                        }

                        Finish(words, pipedIn, false);
                        pipedIn = false;
                        i += i + 1 < end && s[i + 1] == '&' ? 2 : 1;
                        continue;
                    case '|' when _casePattern || IsCaseHeader(words):
                        // A `|` between case patterns (`x86_64|aarch64)`) is not a pipe.
                        i++;
                        continue;
                    case ')' when _casePattern || IsCaseHeader(words):
                        if (!_casePattern)
                        {
                            _caseDepth++;
                        }

                        _casePattern = false;
                        words.Clear();
                        i++;
                        continue;
                    case '(' when _casePattern && words.Count == 0:
                        i++;
                        continue;
                    case '|':
                        if (i + 1 < end && s[i + 1] == '|')
                        {
                            Finish(words, pipedIn, false);
                            pipedIn = false;
                            i += 2;
                            continue;
                        }

                        Finish(words, pipedIn, true);
                        HasPipe = true;
                        pipedIn = true;
                        i += i + 1 < end && s[i + 1] == '&' ? 2 : 1;
                        continue;
                    case '(' or ')':
                        Finish(words, pipedIn, false);
                        pipedIn = false;
                        i++;
                        continue;
                    case '#' when words.Count == 0 || i == start || char.IsWhiteSpace(s[i - 1]):
                        while (i < end && s[i] != '\n')
                        {
                            i++;
                        }

                        continue;
                    case '<' or '>':
                        i = SkipRedirection(i, end, depth);
                        continue;
                }

                if (char.IsAsciiDigit(c))
                {
                    var j = i;
                    while (j < end && char.IsAsciiDigit(s[j]))
                    {
                        j++;
                    }

                    if (j < end && s[j] is '<' or '>')
                    {
                        i = SkipRedirection(j, end, depth);
                        continue;
                    }
                }

                var word = ReadWord(ref i, end, depth);
                words.Add(word);
            }

            Finish(words, pipedIn, false);
        }

        private int SkipRedirection(int i, int end, int depth)
        {
            var heredoc = i + 1 < end && s[i] == '<' && s[i + 1] == '<' && (i + 2 >= end || s[i + 2] != '<');
            if (i + 1 < end && s[i + 1] == '(' && s[i] is '<' or '>')
            {
                // Process substitution: parse what runs inside.
                var close = FindClose(i + 2, end, '(', ')');
                if (depth < MaxDepth)
                {
                    ParseRange(i + 2, close, depth + 1);
                }

                return Math.Min(end, close + 1);
            }

            while (i < end && s[i] is '<' or '>' or '&' or '|' or '-')
            {
                i++;
            }

            while (i < end && s[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < end && s[i] is not ('\n' or ';' or '|' or '&' or '(' or ')'))
            {
                var target = ReadWord(ref i, end, depth);
                if (heredoc)
                {
                    // A heredoc inside the script: skip its body up to the delimiter line.
                    var delimiter = target.Value;
                    var lineEnd = s.IndexOf('\n', i, end - i);
                    while (lineEnd >= 0 && lineEnd + 1 < end)
                    {
                        var next = s.IndexOf('\n', lineEnd + 1, end - lineEnd - 1);
                        var lineText = s.AsSpan(lineEnd + 1, (next < 0 ? end : next) - lineEnd - 1).Trim();
                        if (lineText.SequenceEqual(delimiter))
                        {
                            return next < 0 ? end : next;
                        }

                        lineEnd = next;
                    }

                    // An unterminated heredoc runs to the end of the script, as in the shell.
                    return end;
                }
            }

            return i;
        }

        private ShellWord ReadWord(ref int i, int end, int depth)
        {
            _value.Clear();
            var start = i;
            var quoted = false;
            while (i < end)
            {
                var c = s[i];
                if (c is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>')
                {
                    if (c == '(' && _value.Length > 0 && _value[^1] == '=')
                    {
                        // Array assignment a=(x y): keep it in the word.
                        var closeArray = FindClose(i + 1, end, '(', ')');
                        _value.Append(s, i, Math.Min(end, closeArray + 1) - i);
                        i = Math.Min(end, closeArray + 1);
                        continue;
                    }

                    break;
                }

                if (c == '\\')
                {
                    if (i + 1 < end)
                    {
                        if (s[i + 1] is '\n' or '\r')
                        {
                            i += 2;
                            if (i < end && s[i - 1] == '\r' && s[i] == '\n')
                            {
                                i++;
                            }

                            continue;
                        }

                        _value.Append(s[i + 1]);
                        i += 2;
                        continue;
                    }

                    i++;
                    continue;
                }

                if (c == '\'')
                {
                    quoted = true;
                    var close = s.IndexOf('\'', i + 1, end - i - 1);
                    close = close < 0 ? end : close;
                    _value.Append(s, i + 1, close - i - 1);
                    i = Math.Min(end, close + 1);
                    continue;
                }

                if (c == '"')
                {
                    quoted = true;
                    i++;
                    while (i < end && s[i] != '"')
                    {
                        if (s[i] == '\\' && i + 1 < end)
                        {
                            if (s[i + 1] is '"' or '\\' or '$' or '`')
                            {
                                _value.Append(s[i + 1]);
                            }
                            else if (s[i + 1] is not ('\n' or '\r'))
                            {
                                _value.Append('\\').Append(s[i + 1]);
                            }

                            i += 2;
                            continue;
                        }

                        if (s[i] == '$' && i + 1 < end && s[i + 1] == '(')
                        {
                            i = Substitution(i, end, depth);
                            continue;
                        }

                        if (s[i] == '`')
                        {
                            i = Backtick(i, end, depth);
                            continue;
                        }

                        _value.Append(s[i]);
                        i++;
                    }

                    i = Math.Min(end, i + 1);
                    continue;
                }

                if (c == '$' && i + 1 < end)
                {
                    if (s[i + 1] == '(')
                    {
                        i = Substitution(i, end, depth);
                        continue;
                    }

                    if (s[i + 1] == '{')
                    {
                        var close = FindClose(i + 2, end, '{', '}');
                        _value.Append(s, i, Math.Min(end, close + 1) - i);
                        i = Math.Min(end, close + 1);
                        continue;
                    }

                    if (s[i + 1] == '\'')
                    {
                        quoted = true;
                        var close = s.IndexOf('\'', i + 2, end - i - 2);
                        close = close < 0 ? end : close;
                        _value.Append(s, i + 2, close - i - 2);
                        i = Math.Min(end, close + 1);
                        continue;
                    }
                }

                if (c == '`')
                {
                    i = Backtick(i, end, depth);
                    continue;
                }

                _value.Append(c);
                i++;
            }

            if (i == start)
            {
                // Defensive: always advance.
                _value.Append(s[i]);
                i++;
            }

            return new ShellWord(_value.ToString(), start, i, quoted);
        }

        private int Substitution(int i, int end, int depth)
        {
            var close = FindClose(i + 2, end, '(', ')');
            var text = s.AsSpan(i, Math.Min(end, close + 1) - i);
            if (depth < MaxDepth)
            {
                var saved = _value.ToString();
                ParseRange(i + 2, close, depth + 1);
                _value.Clear().Append(saved);
            }

            _value.Append(text);
            return Math.Min(end, close + 1);
        }

        private int Backtick(int i, int end, int depth)
        {
            var close = i + 1;
            while (close < end && s[close] != '`')
            {
                close += s[close] == '\\' ? 2 : 1;
            }

            close = Math.Min(close, end);
            if (depth < MaxDepth)
            {
                var saved = _value.ToString();
                ParseRange(i + 1, close, depth + 1);
                _value.Clear().Append(saved);
            }

            _value.Append(s, i, Math.Min(end, close + 1) - i);
            return Math.Min(end, close + 1);
        }

        /// <summary>The index of the bracket closing the one opened just before <paramref name="i"/>, or <paramref name="end"/>.</summary>
        private int FindClose(int i, int end, char open, char closeChar)
        {
            var level = 1;
            while (i < end)
            {
                var c = s[i];
                if (c == '\\')
                {
                    i += 2;
                    continue;
                }

                if (c == '\'' && open == '(')
                {
                    var q = s.IndexOf('\'', i + 1, end - i - 1);
                    i = q < 0 ? end : q + 1;
                    continue;
                }

                if (c == '"' && open == '(')
                {
                    i++;
                    while (i < end && s[i] != '"')
                    {
                        i += s[i] == '\\' ? 2 : 1;
                    }

                    i++;
                    continue;
                }

                if (c == open)
                {
                    level++;
                }
                else if (c == closeChar && --level == 0)
                {
                    return i;
                }

                i++;
            }

            return end;
        }

        private void Finish(List<ShellWord> words, bool pipedIn, bool pipedOut)
        {
            if (words.Count == 0)
            {
                return;
            }

            var index = 0;
            while (index < words.Count && Keywords.Contains(words[index].Value) && !words[index].Quoted)
            {
                index++;
            }

            if (index < words.Count && !words[index].Quoted && words[index].Value == "esac")
            {
                _caseDepth = Math.Max(0, _caseDepth - 1);
                _casePattern = false;
                index++;
                if (index == words.Count)
                {
                    words.Clear();
                    return;
                }
            }

            if (index < words.Count && !words[index].Quoted && words[index].Value == "case")
            {
                if (IsCaseHeader(words))
                {
                    _caseDepth++;
                    _casePattern = true;
                }

                words.Clear();
                return;
            }

            if (index < words.Count && !words[index].Quoted && words[index].Value is "for" or "select" or "function")
            {
                words.Clear();
                return;
            }

            var assignments = new List<ShellWord>();
            while (index < words.Count && IsAssignment(words[index].Value))
            {
                assignments.Add(words[index]);
                index++;
            }

            // env VAR=1 cmd and similar wrappers keep the real command visible.
            if (index < words.Count && words[index].Value == "env")
            {
                var j = index + 1;
                while (j < words.Count && (IsAssignment(words[j].Value) || words[j].Value.StartsWith('-')))
                {
                    if (IsAssignment(words[j].Value))
                    {
                        assignments.Add(words[j]);
                    }

                    j++;
                }

                if (j < words.Count)
                {
                    index = j;
                }
            }

            if (index >= words.Count && assignments.Count == 0)
            {
                words.Clear();
                return;
            }

            ShellWord? name = index < words.Count ? words[index] : null;
            var arguments = index + 1 < words.Count ? words.GetRange(index + 1, words.Count - index - 1) : [];
            Commands.Add(new ShellCommand(name?.Value ?? string.Empty, name, arguments, assignments, pipedIn || pipedOut));
            words.Clear();
        }

        private static bool IsAssignment(string word)
        {
            if (word.Length < 2 || !(char.IsAsciiLetter(word[0]) || word[0] == '_'))
            {
                return false;
            }

            for (var i = 1; i < word.Length; i++)
            {
                var c = word[i];
                if (c == '=' || (c == '+' && i + 1 < word.Length && word[i + 1] == '='))
                {
                    return true;
                }

                if (c == '[')
                {
                    // name[subscript]=value or name[subscript]+=value
                    var close = word.IndexOf(']', i + 1);
                    return close > i + 1 && close + 1 < word.Length
                        && (word[close + 1] == '=' || (word[close + 1] == '+' && close + 2 < word.Length && word[close + 2] == '='));
                }

                if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }

            return false;
        }
    }
}
