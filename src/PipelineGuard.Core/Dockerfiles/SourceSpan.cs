namespace PipelineGuard.Dockerfiles;

/// <summary>
/// A range of a Dockerfile's text: <see cref="Start"/> and <see cref="Length"/> index the string given to the parser
/// (UTF-16 code units); lines and columns are 1-based, the end position is exclusive.
/// </summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character.</param>
/// <param name="EndLine">1-based line of the end position.</param>
/// <param name="EndColumn">1-based column of the end position (one past the last character).</param>
public readonly record struct SourceSpan(int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>Offset one past the last character.</summary>
    public int End => Start + Length;
}
