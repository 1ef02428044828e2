namespace PipelineGuard.Dockerfiles;

/// <summary>Maps offsets of a text to lines and columns (line starts are computed once; lookups are binary searches).</summary>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string text)
    {
        Text = text;
        var starts = new List<int>(64) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                starts.Add(i + 1);
            }
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public string Text { get; }

    /// <summary>Number of lines (a final line break does not start a further line with content, but counts as one).</summary>
    public int LineCount => _lineStarts.Length;

    public int LineStart(int lineIndex) => _lineStarts[lineIndex];

    /// <summary>End of the line's content (before its line break).</summary>
    public int LineContentEnd(int lineIndex)
    {
        var end = lineIndex + 1 < _lineStarts.Length ? _lineStarts[lineIndex + 1] : Text.Length;
        if (end > _lineStarts[lineIndex] && end <= Text.Length && end > 0 && lineIndex + 1 < _lineStarts.Length)
        {
            if (Text[end - 1] == '\n')
            {
                end--;
                if (end > _lineStarts[lineIndex] && Text[end - 1] == '\r')
                {
                    end--;
                }
            }
            else if (Text[end - 1] == '\r')
            {
                end--;
            }
        }

        return end;
    }

    public int LineIndexOf(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    public SourceSpan Span(int start, int end)
    {
        start = Math.Clamp(start, 0, Text.Length);
        end = Math.Clamp(end, start, Text.Length);
        var startLine = LineIndexOf(start);
        var endLine = end == start ? startLine : LineIndexOf(end);
        return new SourceSpan(start, end - start, startLine + 1, start - _lineStarts[startLine] + 1, endLine + 1, end - _lineStarts[endLine] + 1);
    }
}
