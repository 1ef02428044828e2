namespace PipelineGuard.Dockerfiles;

/// <summary>A comment line (outside parser directives); pragmas such as <c># hadolint ignore=DL3008</c> are comments.</summary>
/// <param name="Text">The text after <c>#</c>, trimmed.</param>
/// <param name="Span">Where the comment line is.</param>
/// <param name="InsideContinuation">True for a comment between the continued lines of one instruction.</param>
public sealed record DockerfileComment(string Text, SourceSpan Span, bool InsideContinuation);
