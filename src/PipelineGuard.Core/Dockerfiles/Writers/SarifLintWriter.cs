using System.Text;
using System.Text.Json;
using PipelineGuard.Findings;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>
/// SARIF 2.1.0: one run whose driver lists the rules that fired (from the rule registry, with help URIs and
/// <c>security-severity</c>), and results with regions. With a <see cref="SourceRoot"/>, locations are relative to
/// <c>%SRCROOT%</c> as the gate's SARIF gives them, so the same finding has the same location in both.
/// </summary>
public static class SarifLintWriter
{
    /// <summary>Writes the SARIF log.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer, SourceRoot? root = null, string? workingDirectory = null)
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
                SarifConventions.WriteRule(json, code, Level);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            if (root is not null)
            {
                SarifConventions.WriteOriginalUriBaseIds(json, root);
            }

            json.WriteStartArray("results");
            var occurrences = new SarifConventions.OccurrenceCounter();
            var baseFolder = workingDirectory ?? Environment.CurrentDirectory;
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
                    var path = root is null || finding.File == "-" ? finding.File : root.Relative(finding.File, baseFolder);
                    SarifConventions.WriteArtifactLocation(json, path, root is not null && finding.File != "-");
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
                    SarifConventions.WriteFingerprint(json, finding.Code, path, finding.Message, occurrences.Next(finding.Code, path, finding.Message));
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

    private static string Level(Gate.Severity severity) => severity switch
    {
        Gate.Severity.Error => "error",
        Gate.Severity.Warning => "warning",
        Gate.Severity.Note => "note",
        _ => "none",
    };

    private static string Level(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        LintSeverity.Ignore => "none",
        _ => "note",
    };
}
