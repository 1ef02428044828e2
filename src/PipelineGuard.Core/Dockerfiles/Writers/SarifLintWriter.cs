using System.Text;
using System.Text.Json;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>SARIF 2.1.0: one run whose driver lists the rules that fired (with help URIs), and results with regions.</summary>
public static class SarifLintWriter
{
    /// <summary>Writes the SARIF log.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        var codes = results.SelectMany(r => r.Findings).Select(f => f.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = codes.Select((code, i) => (code, i)).ToDictionary(p => p.code, p => p.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "pipelineguard");
            json.WriteString("fullName", "PipelineGuard Dockerfile linter");
            json.WriteString("informationUri", "https://github.com/pipelineguard/pipelineguard");
            json.WriteString("version", PipelineGuardInfo.Version);
            json.WriteStartArray("rules");
            foreach (var code in codes)
            {
                var rule = LintRuleCatalog.Find(code);
                json.WriteStartObject();
                json.WriteString("id", code);
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule is null ? code : rule.Message.Replace("{0}", "<label>", StringComparison.Ordinal));
                json.WriteEndObject();
                json.WriteString("helpUri", LintRuleCatalog.HelpUriFor(code).ToString());
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", Level(rule?.DefaultSeverity ?? LintSeverity.Warning));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var result in results)
            {
                foreach (var finding in result.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("ruleId", finding.Code);
                    json.WriteNumber("ruleIndex", index[finding.Code]);
                    json.WriteString("level", Level(finding.Severity));
                    json.WriteStartObject("message");
                    json.WriteString("text", finding.Message);
                    json.WriteEndObject();
                    json.WriteStartArray("locations");
                    json.WriteStartObject();
                    json.WriteStartObject("physicalLocation");
                    json.WriteStartObject("artifactLocation");
                    json.WriteString("uri", ToUri(finding.File));
                    json.WriteEndObject();
                    json.WriteStartObject("region");
                    json.WriteNumber("startLine", finding.Line);
                    json.WriteNumber("startColumn", finding.Column);
                    var span = finding.Span;
                    if (span.Length > 0 && (span.EndLine > finding.Line || (span.EndLine == finding.Line && span.EndColumn > finding.Column)))
                    {
                        json.WriteNumber("endLine", span.EndLine);
                        json.WriteNumber("endColumn", span.EndColumn);
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    private static string Level(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        LintSeverity.Ignore => "none",
        _ => "note",
    };

    private static string ToUri(string file)
    {
        var normalized = file.Replace('\\', '/');
        return Uri.EscapeDataString(normalized).Replace("%2F", "/", StringComparison.Ordinal).Replace("%3A", ":", StringComparison.Ordinal);
    }
}
