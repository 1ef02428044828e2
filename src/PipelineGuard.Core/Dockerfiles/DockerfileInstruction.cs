namespace PipelineGuard.Dockerfiles;

/// <summary>One instruction of a Dockerfile, with exact positions for its keyword, flags and arguments.</summary>
public sealed record DockerfileInstruction
{
    /// <summary>The keyword in upper case (<c>RUN</c>, <c>FROM</c>, ...).</summary>
    public required string Keyword { get; init; }

    /// <summary>Where the keyword is.</summary>
    public required SourceSpan KeywordSpan { get; init; }

    /// <summary>The whole instruction, from the keyword to the end of its last continued line or heredoc.</summary>
    public required SourceSpan Span { get; init; }

    /// <summary>The BuildKit flags written before the arguments.</summary>
    public required IReadOnlyList<InstructionFlag> Flags { get; init; }

    /// <summary>The arguments after the flags as one logical line: continuations joined, comment lines removed.</summary>
    public required string ArgumentText { get; init; }

    /// <summary>Where the arguments are (from the first to the last argument character).</summary>
    public required SourceSpan ArgumentSpan { get; init; }

    /// <summary>The arguments split into words (shell form) or the array elements (JSON form).</summary>
    public required IReadOnlyList<SyntaxToken> Arguments { get; init; }

    /// <summary>True when the arguments are a JSON array (exec form).</summary>
    public required bool IsJsonForm { get; init; }

    /// <summary>Heredocs opened on this instruction, in order.</summary>
    public required IReadOnlyList<Heredoc> Heredocs { get; init; }

    /// <summary>The <c>key=value</c> pairs of ENV, LABEL and ARG; empty for other instructions.</summary>
    public required IReadOnlyList<KeyValueArgument> Pairs { get; init; }

    /// <summary>For ONBUILD: the trigger instruction.</summary>
    public DockerfileInstruction? Trigger { get; init; }

    /// <summary>Source offset of each character of <see cref="ArgumentText"/> (so positions inside the text map back to the file).</summary>
    internal int[] ArgumentOffsets { get; init; } = [];

    /// <summary>1-based line of the keyword.</summary>
    public int Line => KeywordSpan.Line;

    /// <summary>1-based column of the keyword.</summary>
    public int Column => KeywordSpan.Column;

    /// <summary>The value of the flag <paramref name="name"/> (last one wins), or null.</summary>
    public string? GetFlag(string name)
    {
        string? value = null;
        foreach (var flag in Flags)
        {
            if (string.Equals(flag.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = flag.Value ?? string.Empty;
            }
        }

        return value;
    }

    /// <summary>True when the flag <paramref name="name"/> is present.</summary>
    public bool HasFlag(string name) => GetFlag(name) is not null;

    /// <summary>The source offset of a character of <see cref="ArgumentText"/> (clamped to the arguments).</summary>
    internal int MapArgumentOffset(int index)
    {
        if (ArgumentOffsets.Length == 0)
        {
            return ArgumentSpan.Start;
        }

        if (index >= ArgumentOffsets.Length)
        {
            return ArgumentOffsets[^1] + 1;
        }

        return ArgumentOffsets[Math.Max(0, index)];
    }
}
