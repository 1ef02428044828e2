namespace PipelineGuard.Sbom.Image;

/// <summary>
/// Splits Debian control text (dpkg status) and apk's installed database into paragraphs of fields: blank lines
/// separate paragraphs, <c>Key: value</c> (dpkg) or <c>K:value</c> (apk) start fields, and lines beginning with
/// a space or tab continue the previous field. Continuation lines are gathered in a builder and joined once per
/// field, so the work is linear in the text however many lines a field has.
/// </summary>
internal static class ControlParagraphs
{
    public static IEnumerable<(int Line, Dictionary<string, string> Fields)> Read(string text, bool apk)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = 0;
        string? last = null;
        var continued = new System.Text.StringBuilder();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                Flush(fields, last, continued);
                if (fields.Count > 0)
                {
                    yield return (start, fields);
                    fields = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                last = null;
                continue;
            }

            if (fields.Count == 0)
            {
                start = lineNumber;
            }

            if (!apk && (line[0] == ' ' || line[0] == '\t'))
            {
                if (last is not null)
                {
                    continued.Append('\n').Append(line.AsSpan().Trim());
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || (apk && colon != 1))
            {
                continue;
            }

            Flush(fields, last, continued);
            last = line[..colon];
            var value = line[(colon + 1)..].Trim();
            // apk repeats some keys (one per file); the first value is the one that names the package.
            fields.TryAdd(last, value);
        }

        Flush(fields, last, continued);
        if (fields.Count > 0)
        {
            yield return (start, fields);
        }
    }

    /// <summary>Appends the gathered continuation lines to the field they continue.</summary>
    private static void Flush(Dictionary<string, string> fields, string? last, System.Text.StringBuilder continued)
    {
        if (last is not null && continued.Length > 0)
        {
            fields[last] = string.Concat(fields[last], continued.ToString());
        }

        continued.Clear();
    }
}
