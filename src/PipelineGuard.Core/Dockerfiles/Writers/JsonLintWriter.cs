using System.Text.Json;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>hadolint's JSON: one array of <c>{"code","column","file","level","line","message"}</c> over all files.</summary>
public static class JsonLintWriter
{
    /// <summary>Writes the array (keys in hadolint's order).</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ToJson(results));
        writer.Write('\n');
    }

    /// <summary>The JSON text.</summary>
    public static string ToJson(IReadOnlyList<LintResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var result in results)
            {
                foreach (var finding in result.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("code", finding.Code);
                    json.WriteNumber("column", finding.Column);
                    json.WriteString("file", finding.File);
                    json.WriteString("level", finding.Severity.ToName());
                    json.WriteNumber("line", finding.Line);
                    json.WriteString("message", finding.Message);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
