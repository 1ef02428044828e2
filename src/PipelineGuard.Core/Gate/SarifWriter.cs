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
                WriteRule(json, id);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var finding in result.Findings)
            {
                WriteResult(json, finding, ruleIds.IndexOf(finding.RuleId));
            }

            json.WriteEndArray();
            WriteNotation(json, result);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>
    /// The Notary Project verifications, passing ones included, in the run's property bag (SARIF results are findings
    /// only; a verification at level audit or skip is also a note result).
    /// </summary>
    private static void WriteNotation(Utf8JsonWriter json, GateResult result)
    {
        var verified = result.BaseImages.SelectMany(b => (b.Assessment.Facts.Signatures?.Notation ?? []).Select(n => (Image: b.Assessment.Facts.Written, Evidence: n)))
            .Concat(result.ProducedImages.SelectMany(p => (p.Facts.Signatures?.Notation ?? []).Select(n => (Image: p.Facts.Reference, Evidence: n))))
            .ToList();
        if (verified.Count == 0)
        {
            return;
        }

        json.WriteStartObject("properties");
        json.WriteStartArray("notation");
        foreach (var (image, n) in verified)
        {
            json.WriteStartObject();
            json.WriteString("image", image);
            json.WriteString("trustPolicy", n.TrustPolicy);
            json.WriteString("level", n.Level);
            json.WriteBoolean("skipped", n.Skipped);
            json.WriteString("verifiedDigest", n.VerifiedDigest);
            json.WriteString("digestKind", n.DigestKind);
            if (n.EnvelopeType is not null)
            {
                json.WriteString("envelopeType", n.EnvelopeType);
                json.WriteString("subject", n.Subject);
            }

            if (n.Timestamp is not null)
            {
                json.WriteString("timestamp", n.Timestamp);
            }

            json.WriteNumber("warnings", n.Warnings.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, string id)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        if (RuleRegistry.ForFinding(id) is { } rule)
        {
            if (rule.Name != rule.Id)
            {
                json.WriteString("name", rule.Name);
            }

            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri.ToString());
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            if (rule.SecuritySeverity is { } score)
            {
                // GitHub code scanning ranks an alert critical/high/medium/low from security-severity, for rules tagged "security".
                json.WriteStartObject("properties");
                json.WriteStartArray("tags");
                json.WriteStringValue("security");
                json.WriteEndArray();
                json.WriteString("security-severity", score);
                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, GateFinding finding, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Subject is null ? finding.Message : $"{finding.Subject}: {finding.Message}");
        json.WriteEndObject();
        if (finding.Location is { } location)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", location.File.Replace('\\', '/'));
            json.WriteString("uriBaseId", "%SRCROOT%");
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, location.Line));
            json.WriteNumber("startColumn", Math.Max(1, location.Column));
            if (location.EndColumn > location.Column)
            {
                json.WriteNumber("endColumn", location.EndColumn);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (finding.ExemptedBy is { } exemption)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("justification", $"{exemption.Reason} (until {exemption.Expires:yyyy-MM-dd})");
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
