namespace PipelineGuard.Dockerfiles;

/// <summary>A parsed Dockerfile: directives, instructions, comments and the parse diagnostics (empty when it parsed cleanly).</summary>
public sealed record DockerfileSyntax
{
    /// <summary>The path given to the parser (used in findings).</summary>
    public required string Path { get; init; }

    /// <summary>The text given to the parser; every <see cref="SourceSpan"/> indexes it.</summary>
    public required string Text { get; init; }

    /// <summary>The escape character (<c>\</c> unless <c># escape=`</c>).</summary>
    public required char EscapeCharacter { get; init; }

    /// <summary>Parser directives at the top of the file.</summary>
    public required IReadOnlyList<ParserDirective> Directives { get; init; }

    /// <summary>Instructions in file order.</summary>
    public required IReadOnlyList<DockerfileInstruction> Instructions { get; init; }

    /// <summary>Comment lines in file order.</summary>
    public required IReadOnlyList<DockerfileComment> Comments { get; init; }

    /// <summary>Parse errors; each becomes a DL1000 finding.</summary>
    public required IReadOnlyList<DockerfileDiagnostic> Diagnostics { get; init; }

    /// <summary>Number of lines in the file.</summary>
    public required int LineCount { get; init; }

    /// <summary>True when the file parsed without errors.</summary>
    public bool IsValid => Diagnostics.Count == 0;

    /// <summary>Every FROM with its image as written and resolved from ARG defaults, its alias and the span to rewrite.</summary>
    public IReadOnlyList<DockerfileFrom> GetFromInstructions() => DockerfileFrom.Collect(this);
}
