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
                WriteNotation(json, image.Facts.Signatures);
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

        if (finding.Advisory is { } advisory)
        {
            json.WriteStartObject("advisory");
            json.WriteString("id", advisory.Id);
            json.WriteStartArray("aliases");
            foreach (var alias in advisory.Aliases)
            {
                json.WriteStringValue(alias);
            }

            json.WriteEndArray();
            json.WriteString("package", advisory.Package);
            json.WriteString("version", advisory.Version);
            WriteOptional(json, "fixedVersion", advisory.FixedVersion);
            json.WriteString("path", advisory.Path);
            json.WriteString("severity", advisory.Severity);
            if (advisory.Score is { } score)
            {
                json.WriteNumber("score", score);
            }

            json.WriteString("sbom", advisory.Sbom);
            WriteOptional(json, "vex", advisory.Vex);
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

        WriteNotation(json, facts.Signatures);
        WriteChecks(json, image.Assessment.Checks);
        json.WriteEndObject();
    }

    /// <summary>The Notary Project verifications: envelope type, verified subject, timestamp, level, digest and what was only logged.</summary>
    private static void WriteNotation(Utf8JsonWriter json, SignatureEvidence? signatures)
    {
        if (signatures?.Notation is not { Count: > 0 } notation)
        {
            return;
        }

        json.WriteStartArray("notation");
        foreach (var n in notation)
        {
            json.WriteStartObject();
            json.WriteString("trustPolicy", n.TrustPolicy);
            WriteOptional(json, "statement", n.Statement);
            json.WriteString("level", n.Level);
            json.WriteBoolean("skipped", n.Skipped);
            json.WriteString("verifiedDigest", n.VerifiedDigest);
            json.WriteString("digestKind", n.DigestKind);
            WriteOptional(json, "envelopeType", n.EnvelopeType);
            WriteOptional(json, "subject", n.Subject);
            json.WriteStartArray("chain");
            foreach (var certificate in n.Chain)
            {
                json.WriteStringValue(certificate);
            }

            json.WriteEndArray();
            WriteOptional(json, "timestamp", n.Timestamp);
            json.WriteStartArray("warnings");
            foreach (var warning in n.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
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
            if (check.Warnings.Count > 0)
            {
                json.WriteStartArray("warnings");
                foreach (var warning in check.Warnings)
                {
                    json.WriteStringValue(warning);
                }

                json.WriteEndArray();
            }

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
