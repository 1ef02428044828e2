using System.Text.Json;

namespace PipelineGuard.IO;

/// <summary>
/// JSON input must be UTF-8 throughout. System.Text.Json reads invalid UTF-8 inside a string without complaint and
/// throws <see cref="InvalidOperationException"/> only when the string is later decoded, far from any error handling;
/// checking the bytes first turns that into a <see cref="JsonException"/> with the line and byte position, which every
/// reader already reports.
/// </summary>
internal static class Utf8Json
{
    /// <summary>Throws <see cref="JsonException"/> at the first byte that is not valid UTF-8 (a leading byte-order mark is fine).</summary>
    public static void EnsureValid(ReadOnlySpan<byte> json)
    {
        if (System.Text.Unicode.Utf8.IsValid(json))
        {
            return;
        }

        // Find the first bad byte: decode scalar by scalar, counting lines.
        long line = 0;
        long lineStart = 0;
        var offset = 0;
        while (offset < json.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(json[offset..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                throw new JsonException($"the text is not valid UTF-8 (byte 0x{json[offset]:X2} at offset {offset}, line {line + 1}).", null, line, offset - lineStart);
            }

            if (rune.Value == '\n')
            {
                line++;
                lineStart = offset + 1;
            }

            offset += consumed;
        }
    }
}
