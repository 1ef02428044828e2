namespace PipelineGuard.Dockerfiles;

/// <summary>A <c>key=value</c> pair of ENV, LABEL or ARG (ARG without a default has a null <see cref="Value"/>).</summary>
/// <param name="Key">The key, quotes removed.</param>
/// <param name="Value">The value, quotes and escapes removed; null for an ARG without default.</param>
/// <param name="Span">Where the pair is in the file.</param>
public sealed record KeyValueArgument(string Key, string? Value, SourceSpan Span);
