namespace PipelineGuard.Dockerfiles;

/// <summary>One argument of an instruction: the text as written, its value with quotes and escapes removed, and where it is.</summary>
/// <param name="Text">The argument as written (quotes kept).</param>
/// <param name="Value">The argument with quotes and escape characters removed; variables are not expanded.</param>
/// <param name="Span">Where the argument is in the file.</param>
public sealed record SyntaxToken(string Text, string Value, SourceSpan Span);
