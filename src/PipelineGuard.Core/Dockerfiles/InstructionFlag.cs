namespace PipelineGuard.Dockerfiles;

/// <summary>A BuildKit flag of an instruction, such as <c>--mount=type=cache,target=/root/.cache</c> or <c>--link</c>.</summary>
/// <param name="Name">The flag name without the leading dashes (<c>mount</c>).</param>
/// <param name="Value">The value after <c>=</c>, quotes removed; null for a bare flag.</param>
/// <param name="Span">Where the whole flag is in the file.</param>
public sealed record InstructionFlag(string Name, string? Value, SourceSpan Span);
