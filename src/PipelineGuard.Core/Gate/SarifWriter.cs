using System.Text.Json;
using PipelineGuard.Findings;

namespace PipelineGuard.Gate;

/// <summary>
/// Writes a <see cref="GateResult"/> as SARIF 2.1.0 for code scanning: one run, the rules that occur (with help URIs),
/// one result per finding with its region; exempted findings carry an external suppression with the reason.
/// </summary>
public static class SarifWriter
{
    /// <summary>The SARIF version written.</summary>
    public const string Version = "2.1.0";

    /// <summary>The SARIF 2.1.0 schema URI.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The result as SARIF JSON.</summary>
    public static string Write(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ruleIds = result.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).ToList();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", Version);
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", PipelineGuardInfo.ProductName);
            json.WriteString("version", result.ToolVersion);
            json.WriteString("informationUri", "https://github.com/pipelineguard/pipelineguard");
            json.WriteStartArray("rules");
            foreach (var id in ruleIds)
            {
                SarifConventions.WriteRule(json, id, Level);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            if (result.Root is { } root)
            {
                SarifConventions.WriteOriginalUriBaseIds(json, root);
            }

            json.WriteStartArray("results");
            var occurrences = new SarifConventions.OccurrenceCounter();
            foreach (var finding in result.Findings)
            {
                WriteResult(json, result, finding, ruleIds.IndexOf(finding.RuleId), occurrences);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteResult(Utf8JsonWriter json, GateResult result, GateFinding finding, int ruleIndex, SarifConventions.OccurrenceCounter occurrences)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Severity));
        var text = finding.Subject is null ? finding.Message : $"{finding.Subject}: {finding.Message}";
        json.WriteStartObject("message");
        json.WriteString("text", text);
        json.WriteEndObject();

        // A finding without a place in a Dockerfile (a produced image, a step that failed) is placed on the policy file,
        // since code scanning shows no result that has no location.
        var (file, line, column, endColumn) = finding.Location is { } l ? (l.File, l.Line, l.Column, l.EndColumn)
            : result.PolicyFile is { } policy ? (policy, 1, 1, 1) : (null, 0, 0, 0);
        var path = file is null ? string.Empty : result.FromRoot(file);
        if (file is not null)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            SarifConventions.WriteArtifactLocation(json, path, result.Root is not null);
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, line));
            json.WriteNumber("startColumn", Math.Max(1, column));
            if (endColumn > column)
            {
                json.WriteNumber("endColumn", endColumn);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        SarifConventions.WriteFingerprint(json, finding.RuleId, path, text, occurrences.Next(finding.RuleId, path, text));
        if (finding.ExemptedBy is { } exemption)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("justification", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{exemption.Reason} (until {exemption.Expires:yyyy-MM-dd})"));
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("source", GateJsonWriter.SourceName(finding.Source));
        json.WriteBoolean("couldNotCheck", finding.CouldNotCheck);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "none",
    };
}
