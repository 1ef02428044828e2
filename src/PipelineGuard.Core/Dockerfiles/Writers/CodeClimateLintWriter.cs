using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>GitLab Code Quality (Code Climate) JSON: an array of issues with description, check_name, fingerprint, severity and location.</summary>
public static class CodeClimateLintWriter
{
    /// <summary>Writes the array.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var result in results)
            {
                foreach (var finding in result.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "issue");
                    json.WriteString("check_name", finding.Code);
                    json.WriteString("description", finding.Message);
                    json.WriteStartArray("categories");
                    json.WriteStringValue(finding.Code.StartsWith("PG", StringComparison.Ordinal) ? "Security" : "Bug Risk");
                    json.WriteEndArray();
                    json.WriteString("severity", finding.Severity switch
                    {
                        LintSeverity.Error => "blocker",
                        LintSeverity.Warning => "major",
                        LintSeverity.Info => "info",
                        _ => "minor",
                    });
                    var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.File}\n{finding.Line}\n{finding.Column}\n{finding.Code}\n{finding.Message}"));
                    json.WriteString("fingerprint", Convert.ToHexString(fingerprint).ToLowerInvariant());
                    json.WriteStartObject("location");
                    json.WriteString("path", finding.File);
                    json.WriteStartObject("lines");
                    json.WriteNumber("begin", finding.Line);
                    json.WriteNumber("end", Math.Max(finding.Line, finding.Span.EndLine));
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }

        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }
}
