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

    /// <summary>
    /// Throws <see cref="JsonException"/> when an object has the same property name twice. Signed documents must mean
    /// one thing: readers disagree on which of two equal keys wins (Go keeps the last, others the first), so a payload
    /// with duplicates could verify as one statement and be acted on as another. System.Text.Json's nodes would throw an
    /// unrelated exception later; this turns it into a parse error that names the key and where it is.
    /// </summary>
    public static void EnsureNoDuplicateProperties(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var names = new Stack<HashSet<string>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    names.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    names.Push(null);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    names.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString() ?? string.Empty;
                    if (names.Peek() is { } seen && !seen.Add(name))
                    {
                        throw new JsonException($"the property '{name}' appears twice in one object (byte {reader.TokenStartIndex}).", null, null, reader.TokenStartIndex);
                    }

                    break;
            }
        }
    }
}
