using System.Text.Json;
using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>Writes a <see cref="GateResult"/> as JSON for machines: verdict, counts, findings, base images with evidence, produced images, SBOM summary.</summary>
public static class GateJsonWriter
{
    /// <summary>The result as indented JSON.</summary>
    public static string Write(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("tool", PipelineGuardInfo.ProductName);
            json.WriteString("version", result.ToolVersion);
            json.WriteString("timestamp", result.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("verdict", result.Passed ? "pass" : "fail");
            if (result.PolicyFile is null)
            {
                json.WriteNull("policy");
            }
            else
            {
                json.WriteString("policy", result.FromRoot(result.PolicyFile));
            }

            json.WriteStartObject("counts");
            json.WriteNumber("error", result.Count(Severity.Error));
            json.WriteNumber("warning", result.Count(Severity.Warning));
            json.WriteNumber("note", result.Count(Severity.Note));
            json.WriteNumber("exempted", result.Findings.Count(f => f.ExemptedBy is not null));
            json.WriteEndObject();

            json.WriteStartArray("dockerfiles");
            foreach (var file in result.Dockerfiles)
            {
                json.WriteStringValue(result.FromRoot(file));
            }

            json.WriteEndArray();
            json.WriteStartArray("findings");
            foreach (var finding in result.Findings)
            {
                WriteFinding(json, result, finding);
            }

            json.WriteEndArray();
            json.WriteStartArray("baseImages");
            foreach (var image in result.BaseImages)
            {
                WriteBaseImage(json, result, image);
            }

            json.WriteEndArray();
            json.WriteStartArray("images");
            foreach (var image in result.ProducedImages)
            {
                json.WriteStartObject();
                json.WriteString("reference", image.Facts.Reference);
                WriteOptional(json, "digest", image.Facts.Digest);
                WriteOptional(json, "resolutionError", image.Facts.ResolutionError);
                WriteChecks(json, image.Checks);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (result.Sbom is { } sbom)
            {
                json.WriteStartObject("sbom");
                WriteOptional(json, "file", sbom.File);
                json.WriteNumber("components", sbom.Components);
                WriteCounts(json, "byLicense", sbom.ByLicense);
                WriteCounts(json, "byScope", sbom.ByScope);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("sbom");
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteFinding(Utf8JsonWriter json, GateResult result, GateFinding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        json.WriteString("source", SourceName(finding.Source));
        json.WriteBoolean("blocking", finding.Blocking);
        json.WriteBoolean("couldNotCheck", finding.CouldNotCheck);
        json.WriteString("message", finding.Message);
        WriteOptional(json, "subject", finding.Subject);
        if (finding.Location is { } location)
        {
            json.WriteStartObject("location");
            json.WriteString("file", result.FromRoot(location.File));
            json.WriteNumber("line", location.Line);
            json.WriteNumber("column", location.Column);
            json.WriteNumber("endColumn", location.EndColumn);
            json.WriteEndObject();
        }

        if (finding.ExemptedBy is { } exemption)
        {
            json.WriteStartObject("exception");
            json.WriteString("expires", exemption.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("reason", exemption.Reason);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteBaseImage(Utf8JsonWriter json, GateResult result, BaseImageReport image)
    {
        var facts = image.Assessment.Facts;
        json.WriteStartObject();
        json.WriteString("dockerfile", result.FromRoot(image.Dockerfile));
        json.WriteString("image", facts.Written);
        if (facts.Location is { } location)
        {
            json.WriteNumber("line", location.Line);
        }

        json.WriteBoolean("scratch", facts.IsScratch);
        json.WriteBoolean("passed", image.Assessment.Passed);
        WriteOptional(json, "digest", facts.WrittenDigest ?? facts.ResolvedDigest);
        WriteOptional(json, "resolutionError", facts.ResolutionError);
        if (facts.Created is { } created)
        {
            json.WriteString("created", created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        }

        WriteChecks(json, image.Assessment.Checks);
        json.WriteEndObject();
    }

    private static void WriteChecks(Utf8JsonWriter json, IReadOnlyList<RuleCheck> checks)
    {
        json.WriteStartArray("checks");
        foreach (var check in checks)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", check.RuleId);
            json.WriteString("outcome", OutcomeName(check.Outcome));
            json.WriteString("message", check.Message);
            json.WriteStartArray("evidence");
            foreach (var item in check.Evidence)
            {
                json.WriteStringValue(item);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, int> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(key, value);
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>The report name of a finding source.</summary>
    internal static string SourceName(FindingSource source) => source switch
    {
        FindingSource.BaseImage => "base-image",
        _ => source.ToString().ToLowerInvariant(),
    };

    /// <summary>The report name of an outcome.</summary>
    internal static string OutcomeName(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "pass",
        CheckOutcome.Fail => "fail",
        _ => "could-not-check",
    };
}
