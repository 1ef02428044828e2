using System.Text;

namespace PipelineGuard.Dockerfiles;

/// <summary>
/// Parses Dockerfile text the way BuildKit's frontend reads it: parser directives, the escape character, line
/// continuations (with comment and empty lines inside them), heredocs, BuildKit flags, JSON and shell forms and ONBUILD.
/// Never throws on user input and runs in time linear in the input; problems come back as <see cref="DockerfileSyntax.Diagnostics"/>.
/// </summary>
public static class DockerfileParser
{
    private const int MaxOnBuildDepth = 4;

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
        "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    };

    /// <summary>Parses <paramref name="text"/>; <paramref name="path"/> is only carried into the result for reporting.</summary>
    public static DockerfileSyntax Parse(string text, string path = "Dockerfile")
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new ParseState(text);
        return state.Run(path ?? "Dockerfile");
    }

    private sealed class ParseState(string text)
    {
        private readonly SourceText _source = new(text);
        private readonly List<DockerfileInstruction> _instructions = [];
        private readonly List<DockerfileComment> _comments = [];
        private readonly List<ParserDirective> _directives = [];
        private readonly List<DockerfileDiagnostic> _diagnostics = [];
        private char _escape = '\\';

        public DockerfileSyntax Run(string path)
        {
            var line = ReadDirectives();
            var buffer = new StringBuilder(256);
            var offsets = new List<int>(256);
            while (line < _source.LineCount)
            {
                var first = ContentStart(line, insideInstruction: false);
                if (first < 0)
                {
                    line++;
                    continue;
                }

                buffer.Clear();
                offsets.Clear();
                line = ReadLogicalLine(line, first, buffer, offsets, out var instructionEnd);
                var instruction = BuildInstruction(buffer.ToString(), [.. offsets], 0, ref line, ref instructionEnd, 0);
                if (instruction is not null)
                {
                    _instructions.Add(instruction);
                }
            }

            return new DockerfileSyntax
            {
                Path = path,
                Text = text,
                EscapeCharacter = _escape,
                Directives = _directives,
                Instructions = _instructions,
                Comments = _comments,
                Diagnostics = _diagnostics,
                LineCount = _source.LineCount,
            };
        }

        private int ReadDirectives()
        {
            var line = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (line < _source.LineCount)
            {
                var start = _source.LineStart(line);
                if (line == 0 && text.Length > 0 && text[0] == '\uFEFF')
                {
                    start++;
                }

                var end = _source.LineContentEnd(line);
                var first = SkipBlanks(start, end);
                if (first == end || text[first] != '#')
                {
                    break;
                }

                var body = text.AsSpan(first + 1, end - first - 1).Trim();
                var equals = body.IndexOf('=');
                if (equals <= 0)
                {
                    break;
                }

                var name = body[..equals].Trim().ToString().ToLowerInvariant();
                if (name is not ("syntax" or "escape" or "check") || !seen.Add(name) || name.AsSpan().ContainsAny(" \t"))
                {
                    break;
                }

                var value = body[(equals + 1)..].Trim().ToString();
                var span = _source.Span(first, end);
                _directives.Add(new ParserDirective(name, value, span));
                if (name == "escape")
                {
                    if (value is "`" or "\\")
                    {
                        _escape = value[0];
                    }
                    else
                    {
                        _diagnostics.Add(new DockerfileDiagnostic($"invalid escape token '{value}': it must be ` or \\", span));
                    }
                }

                line++;
            }

            return line;
        }

        /// <summary>
        /// Where the content of <paramref name="line"/> starts, or -1 for a blank line or a comment line; a comment is
        /// recorded, marked as lying inside a continued instruction or not.
        /// </summary>
        private int ContentStart(int line, bool insideInstruction)
        {
            var end = _source.LineContentEnd(line);
            var first = SkipBlanks(_source.LineStart(line), end);
            if (first == end)
            {
                return -1;
            }

            if (text[first] == '#')
            {
                _comments.Add(new DockerfileComment(text[(first + 1)..end].Trim(), _source.Span(first, end), insideInstruction));
                return -1;
            }

            return first;
        }

        private int SkipBlanks(int start, int end)
        {
            while (start < end && (text[start] == ' ' || text[start] == '\t' || text[start] == '\uFEFF' || text[start] == '\f' || text[start] == '\v'))
            {
                start++;
            }

            return start;
        }

        /// <summary>Joins an instruction's continued lines; returns the next line to read.</summary>
        private int ReadLogicalLine(int line, int segmentStart, StringBuilder buffer, List<int> offsets, out int instructionEnd)
        {
            instructionEnd = segmentStart;
            while (true)
            {
                var end = _source.LineContentEnd(line);
                var trimmed = end;
                while (trimmed > segmentStart && (text[trimmed - 1] == ' ' || text[trimmed - 1] == '\t'))
                {
                    trimmed--;
                }

                var continues = trimmed > segmentStart && text[trimmed - 1] == _escape;
                var copyEnd = continues ? trimmed - 1 : trimmed;
                for (var i = segmentStart; i < copyEnd; i++)
                {
                    buffer.Append(text[i]);
                    offsets.Add(i);
                }

                instructionEnd = Math.Max(instructionEnd, trimmed);
                line++;
                if (!continues)
                {
                    return line;
                }

                // Blank lines and comments inside a continued instruction are skipped (the comments are kept).
                while (line < _source.LineCount && ContentStart(line, insideInstruction: true) < 0)
                {
                    line++;
                }

                if (line >= _source.LineCount)
                {
                    return line;
                }

                // A space stands for the removed line break so words on both sides stay apart.
                if (buffer.Length > 0 && buffer[^1] is not (' ' or '\t'))
                {
                    buffer.Append(' ');
                    offsets.Add(copyEnd);
                }

                segmentStart = _source.LineStart(line);
            }
        }

        private DockerfileInstruction? BuildInstruction(string logical, int[] offsets, int from, ref int nextLine, ref int instructionEnd, int depth)
        {
            var position = from;
            while (position < logical.Length && char.IsWhiteSpace(logical[position]))
            {
                position++;
            }

            var keywordStart = position;
            while (position < logical.Length && !char.IsWhiteSpace(logical[position]))
            {
                position++;
            }

            var keyword = logical[keywordStart..position].ToUpperInvariant();
            var keywordSpan = SpanOf(offsets, keywordStart, position);
            if (!Keywords.Contains(keyword))
            {
                _diagnostics.Add(new DockerfileDiagnostic($"unknown instruction: {Truncate(logical[keywordStart..position])}", keywordSpan));
                return null;
            }

            while (position < logical.Length && char.IsWhiteSpace(logical[position]))
            {
                position++;
            }

            var flags = new List<InstructionFlag>();
            if (keyword is "FROM" or "RUN" or "COPY" or "ADD" or "HEALTHCHECK")
            {
                while (position + 1 < logical.Length && logical[position] == '-' && logical[position + 1] == '-')
                {
                    var wordEnd = WordEnd(logical, position);
                    var raw = logical.AsSpan(position + 2, wordEnd - position - 2);
                    var eq = raw.IndexOf('=');
                    var name = (eq < 0 ? raw : raw[..eq]).ToString().ToLowerInvariant();
                    var value = eq < 0 ? null : Unquote(raw[(eq + 1)..]);
                    flags.Add(new InstructionFlag(name, value, SpanOf(offsets, position, wordEnd)));
                    ValidateFlag(keyword, flags[^1]);
                    position = wordEnd;
                    while (position < logical.Length && char.IsWhiteSpace(logical[position]))
                    {
                        position++;
                    }
                }
            }

            var argumentsEnd = logical.Length;
            while (argumentsEnd > position && char.IsWhiteSpace(logical[argumentsEnd - 1]))
            {
                argumentsEnd--;
            }

            var argumentText = logical[position..argumentsEnd];
            var argumentOffsets = offsets.AsSpan(position, argumentsEnd - position).ToArray();
            var argumentSpan = argumentText.Length == 0 ? SpanOf(offsets, keywordStart, position) : SpanOf(offsets, position, argumentsEnd);

            DockerfileInstruction? trigger = null;
            var heredocs = new List<Heredoc>();
            if (keyword == "ONBUILD")
            {
                if (depth >= MaxOnBuildDepth)
                {
                    _diagnostics.Add(new DockerfileDiagnostic("ONBUILD nested too deeply", keywordSpan));
                    return null;
                }

                if (argumentText.Length > 0)
                {
                    trigger = BuildInstruction(logical, offsets, position, ref nextLine, ref instructionEnd, depth + 1);
                    if (trigger is null)
                    {
                        return null;
                    }
                }
            }
            else if (keyword is "RUN" or "COPY" or "ADD")
            {
                ReadHeredocs(argumentText, argumentOffsets, heredocs, ref nextLine, ref instructionEnd, keywordSpan);
            }

            var isJson = false;
            List<SyntaxToken>? arguments = null;
            if (keyword is "RUN" or "CMD" or "ENTRYPOINT" or "SHELL" or "COPY" or "ADD" or "VOLUME" && argumentText.StartsWith('['))
            {
                arguments = JsonArrayReader.TryRead(argumentText, argumentOffsets, _source);
                isJson = arguments is not null;
            }

            if (keyword == "SHELL" && !isJson && argumentText.Length > 0)
            {
                _diagnostics.Add(new DockerfileDiagnostic("SHELL requires the arguments to be in JSON form", keywordSpan));
            }

            arguments ??= SplitWords(argumentText, argumentOffsets);
            var pairs = keyword switch
            {
                "ENV" or "LABEL" => ReadPairs(keyword, argumentText, argumentOffsets, arguments, keywordSpan),
                "ARG" => ReadArgs(arguments),
                _ => [],
            };

            if (argumentText.Length == 0 && heredocs.Count == 0)
            {
                _diagnostics.Add(new DockerfileDiagnostic($"{keyword} requires at least one argument", keywordSpan));
            }
            else if (keyword == "FROM" && !(arguments.Count == 1 || (arguments.Count == 3 && string.Equals(arguments[1].Value, "AS", StringComparison.OrdinalIgnoreCase))))
            {
                _diagnostics.Add(new DockerfileDiagnostic("FROM requires either one argument, or three: FROM <image> [AS <name>]", argumentSpan));
            }

            else if (keyword is "ADD" or "COPY" && arguments.Count < 2)
            {
                _diagnostics.Add(new DockerfileDiagnostic($"{keyword} requires at least two arguments, but only one was provided. Destination could not be determined.", argumentSpan));
            }
            else if (keyword == "FROM" && arguments.Count == 3 && !IsValidStageName(arguments[2].Value))
            {
                _diagnostics.Add(new DockerfileDiagnostic($"invalid name for build stage: \"{Truncate(arguments[2].Value)}\", name can't start with a number or contain symbols", arguments[2].Span));
            }

            var end = depth == 0 ? Math.Max(instructionEnd, keywordSpan.End) : Math.Max(argumentSpan.End, keywordSpan.End);
            if (depth == 0 && heredocs.Count > 0)
            {
                end = Math.Max(end, instructionEnd);
            }

            return new DockerfileInstruction
            {
                Keyword = keyword,
                KeywordSpan = keywordSpan,
                Span = _source.Span(keywordSpan.Start, end),
                Flags = flags,
                ArgumentText = argumentText,
                ArgumentSpan = argumentSpan,
                Arguments = arguments,
                IsJsonForm = isJson,
                Heredocs = heredocs,
                Pairs = pairs,
                Trigger = trigger,
                ArgumentOffsets = argumentOffsets,
            };
        }

        private void ReadHeredocs(string arguments, int[] offsets, List<Heredoc> heredocs, ref int nextLine, ref int instructionEnd, SourceSpan keywordSpan)
        {
            if (!arguments.Contains("<<", StringComparison.Ordinal))
            {
                return;
            }

            char quote = '\0';
            for (var i = 0; i + 2 < arguments.Length; i++)
            {
                var c = arguments[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }

                    continue;
                }

                if (c is '"' or '\'')
                {
                    quote = c;
                    continue;
                }

                if (c != '<' || arguments[i + 1] != '<' || (i > 0 && arguments[i - 1] == '<') || arguments[i + 2] == '<')
                {
                    continue;
                }

                var markerStart = i;
                var j = i + 2;
                var strip = false;
                if (j < arguments.Length && arguments[j] == '-')
                {
                    strip = true;
                    j++;
                }

                var delimiterQuote = '\0';
                if (j < arguments.Length && arguments[j] is '"' or '\'')
                {
                    delimiterQuote = arguments[j];
                    j++;
                }

                var nameStart = j;
                while (j < arguments.Length && (char.IsAsciiLetterOrDigit(arguments[j]) || arguments[j] is '_' or '-' or '.'))
                {
                    j++;
                }

                if (j == nameStart)
                {
                    continue;
                }

                var delimiter = arguments[nameStart..j];
                if (delimiterQuote != '\0')
                {
                    if (j < arguments.Length && arguments[j] == delimiterQuote)
                    {
                        j++;
                    }
                    else
                    {
                        continue;
                    }
                }

                var markerSpan = SpanOf(offsets, markerStart, j);
                i = j - 1;
                var bodyLine = nextLine;
                var terminator = -1;
                for (var line = nextLine; line < _source.LineCount; line++)
                {
                    var content = text.AsSpan(_source.LineStart(line), _source.LineContentEnd(line) - _source.LineStart(line));
                    if (strip)
                    {
                        content = content.TrimStart('\t');
                    }

                    if (content.SequenceEqual(delimiter))
                    {
                        terminator = line;
                        break;
                    }
                }

                if (terminator < 0)
                {
                    _diagnostics.Add(new DockerfileDiagnostic($"heredoc '{Truncate(delimiter)}' is not terminated", markerSpan));
                    nextLine = _source.LineCount;
                    instructionEnd = text.Length;
                    return;
                }

                var bodyStart = bodyLine < _source.LineCount ? _source.LineStart(bodyLine) : text.Length;
                var bodyEnd = _source.LineStart(terminator);
                heredocs.Add(new Heredoc(delimiter, strip, delimiterQuote != '\0', text[bodyStart..bodyEnd], _source.Span(bodyStart, bodyEnd), markerSpan));
                nextLine = terminator + 1;
                instructionEnd = _source.LineContentEnd(terminator);
            }
        }

        private List<SyntaxToken> SplitWords(string arguments, int[] offsets)
        {
            var tokens = new List<SyntaxToken>();
            var i = 0;
            while (i < arguments.Length)
            {
                if (char.IsWhiteSpace(arguments[i]))
                {
                    i++;
                    continue;
                }

                var end = WordEnd(arguments, i);
                var raw = arguments[i..end];
                var value = raw.AsSpan().IndexOfAny('"', '\'', _escape) < 0 ? raw : Unquote(raw);
                tokens.Add(new SyntaxToken(raw, value, SpanOf(offsets, i, end)));
                i = end;
            }

            return tokens;
        }

        /// <summary>End of the word starting at <paramref name="start"/>: whitespace outside quotes ends it.</summary>
        private int WordEnd(string s, int start)
        {
            var quote = '\0';
            var i = start;
            while (i < s.Length)
            {
                var c = s[i];
                if (quote != '\0')
                {
                    if (c == _escape && quote == '"' && i + 1 < s.Length)
                    {
                        i += 2;
                        continue;
                    }

                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c == _escape && i + 1 < s.Length)
                {
                    i += 2;
                    continue;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (char.IsWhiteSpace(c))
                {
                    break;
                }

                i++;
            }

            return Math.Min(i, s.Length);
        }

        private string Unquote(ReadOnlySpan<char> raw)
        {
            if (raw.IndexOfAny('"', '\'', _escape) < 0)
            {
                return raw.ToString();
            }

            var builder = new StringBuilder(raw.Length);
            var quote = '\0';
            for (var i = 0; i < raw.Length; i++)
            {
                var c = raw[i];
                if (quote == '\'')
                {
                    if (c == '\'')
                    {
                        quote = '\0';
                    }
                    else
                    {
                        builder.Append(c);
                    }
                }
                else if (c == _escape && i + 1 < raw.Length && (quote == '\0' || raw[i + 1] is '"' or '$' or '`' || raw[i + 1] == _escape))
                {
                    builder.Append(raw[++i]);
                }
                else if (quote == '"')
                {
                    if (c == '"')
                    {
                        quote = '\0';
                    }
                    else
                    {
                        builder.Append(c);
                    }
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        private List<KeyValueArgument> ReadPairs(string keyword, string arguments, int[] offsets, List<SyntaxToken> words, SourceSpan keywordSpan)
        {
            var pairs = new List<KeyValueArgument>();
            if (words.Count == 0)
            {
                return pairs;
            }

            var firstEquals = words[0].Text.IndexOf('=', StringComparison.Ordinal);
            if (firstEquals < 0)
            {
                // Legacy form: ENV key value with spaces.
                var key = words[0].Value;
                var rest = words[0].Span.End;
                var restIndex = Array.IndexOf(offsets, rest);
                var valueText = restIndex < 0 ? string.Empty : arguments[restIndex..].Trim();
                if (words.Count < 2)
                {
                    // BuildKit's legacy `KEY value` form: both ENV and LABEL need the value.
                    _diagnostics.Add(new DockerfileDiagnostic($"{keyword} must have two arguments, or be of the form name=value (got '{Truncate(words[0].Text)}')", keywordSpan));
                }

                pairs.Add(new KeyValueArgument(key, Unquote(valueText), _source.Span(words[0].Span.Start, words[^1].Span.End)));
                return pairs;
            }

            foreach (var word in words)
            {
                var eq = word.Text.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    _diagnostics.Add(new DockerfileDiagnostic($"{keyword} syntax error: can't find = in '{Truncate(word.Text)}'; it must be of the form name=value", word.Span));
                    continue;
                }

                pairs.Add(new KeyValueArgument(Unquote(word.Text.AsSpan(0, eq)), Unquote(word.Text.AsSpan(eq + 1)), word.Span));
            }

            return pairs;
        }

        private List<KeyValueArgument> ReadArgs(List<SyntaxToken> words)
        {
            var pairs = new List<KeyValueArgument>(words.Count);
            foreach (var word in words)
            {
                var eq = word.Text.IndexOf('=', StringComparison.Ordinal);
                pairs.Add(eq < 0
                    ? new KeyValueArgument(word.Value, null, word.Span)
                    : new KeyValueArgument(Unquote(word.Text.AsSpan(0, eq)), Unquote(word.Text.AsSpan(eq + 1)), word.Span));
            }

            return pairs;
        }

        private SourceSpan SpanOf(int[] offsets, int start, int end)
        {
            if (offsets.Length == 0)
            {
                return _source.Span(0, 0);
            }

            start = Math.Clamp(start, 0, offsets.Length - 1);
            var startOffset = offsets[start];
            var endOffset = end <= start ? startOffset : offsets[Math.Min(end, offsets.Length) - 1] + 1;
            return _source.Span(startOffset, Math.Max(startOffset, endOffset));
        }

        /// <summary>The flags BuildKit's instruction parser accepts per instruction; the boolean ones may stand alone.</summary>
    private static readonly Dictionary<string, string[]> AllowedFlags = new(StringComparer.Ordinal)
    {
        ["FROM"] = ["platform"],
        ["RUN"] = ["mount", "network", "security", "device"],
        ["COPY"] = ["from", "chown", "chmod", "link", "parents", "exclude"],
        ["ADD"] = ["chown", "chmod", "link", "checksum", "keep-git-dir", "exclude", "unpack"],
        ["HEALTHCHECK"] = ["interval", "timeout", "start-period", "start-interval", "retries"],
    };

    private static readonly string[] BooleanFlags = ["link", "parents", "keep-git-dir", "unpack"];

    private void ValidateFlag(string keyword, InstructionFlag flag)
    {
        if (!AllowedFlags.TryGetValue(keyword, out var allowed))
        {
            return;
        }

        if (Array.IndexOf(allowed, flag.Name) < 0)
        {
            _diagnostics.Add(new DockerfileDiagnostic($"unknown flag: --{Truncate(flag.Name)}", flag.Span));
        }
        else if (flag.Value is null && Array.IndexOf(BooleanFlags, flag.Name) < 0)
        {
            _diagnostics.Add(new DockerfileDiagnostic($"missing a value on flag: --{flag.Name}", flag.Span));
        }
        else if (keyword == "RUN" && flag.Name == "network" && flag.Value is { } mode && !mode.Contains('$', StringComparison.Ordinal) && mode is not ("default" or "none" or "host"))
        {
            _diagnostics.Add(new DockerfileDiagnostic($"unsupported network mode: {Truncate(mode)} (use default, none or host)", flag.Span));
        }
    }

    /// <summary>BuildKit's stage names: a letter, then letters, digits, <c>-</c>, <c>_</c> and <c>.</c> (any case); variables are resolved later.</summary>
    private static bool IsValidStageName(string name)
    {
        if (name.Contains('$', StringComparison.Ordinal))
        {
            return true;
        }

        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Truncate(string value) => value.Length > 60 ? value[..60] + "..." : value;
    }
}
