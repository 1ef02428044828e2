using System.Text.Json;

namespace PipelineGuard.Signing.Keyless;

/// <summary>A bundle file: one bundle (JSON), or the JSON lines <c>gh attestation download</c> writes (one bundle a line).</summary>
public static class SigstoreBundleFile
{
    /// <summary>The bundles in <paramref name="content"/>: the whole file when it is one JSON value, else each non-empty line.</summary>
    public static IReadOnlyList<byte[]> Split(byte[] content)
    {
        try
        {
            using var whole = JsonDocument.Parse(content);
            return [content];
        }
        catch (JsonException)
        {
            var lines = new List<byte[]>();
            var start = 0;
            for (var i = 0; i <= content.Length; i++)
            {
                if (i == content.Length || content[i] == (byte)'\n')
                {
                    var line = content.AsSpan(start, i - start).Trim((byte)'\r').Trim((byte)' ');
                    if (!line.IsEmpty)
                    {
                        lines.Add(line.ToArray());
                    }

                    start = i + 1;
                }
            }

            // A file that is neither one JSON value nor JSON lines is handed on whole, so the reader names what is wrong.
            return lines.Count > 1 ? lines : [content];
        }
    }
}
