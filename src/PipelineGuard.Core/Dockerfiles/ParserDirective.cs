namespace PipelineGuard.Dockerfiles;

/// <summary>A parser directive at the top of the file: <c># syntax=</c>, <c># escape=</c> or <c># check=</c>.</summary>
/// <param name="Name">Directive name, lower case.</param>
/// <param name="Value">Directive value, trimmed.</param>
/// <param name="Span">Where the directive line is.</param>
public sealed record ParserDirective(string Name, string Value, SourceSpan Span);
