using System.Text.Encodings.Web;
using System.Text.Json;

namespace PipelineGuard.Sbom;

/// <summary>
/// Writes an <see cref="SbomDocument"/> as CycloneDX 1.6 or 1.7 JSON. Components, dependencies, dependsOn lists and
/// properties are sorted by ordinal order, so the same document always gives the same bytes.
/// </summary>
public static class CycloneDxJsonWriter
{
    /// <summary>Writes <paramref name="document"/> to <paramref name="stream"/> as UTF-8 JSON (no BOM, LF newlines when indented).</summary>
    public static void Write(SbomDocument document, Stream stream, CycloneDxSpecVersion specVersion = CycloneDxSpecVersion.V1_6, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
#if NET9_0_OR_GREATER
            NewLine = "\n",
#endif
        });
        var version = CycloneDxNames.SpecVersion(specVersion);
        json.WriteStartObject();
        json.WriteString("$schema", $"http://cyclonedx.org/schema/bom-{version}.schema.json");
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", version);
        json.WriteString("serialNumber", $"urn:uuid:{document.SerialNumber:D}");
        json.WriteNumber("version", document.Version);
        WriteMetadata(json, document.Metadata);

        json.WriteStartArray("components");
        foreach (var component in CycloneDxNames.Sorted(document.Components))
        {
            WriteComponent(json, component);
        }

        json.WriteEndArray();

        json.WriteStartArray("dependencies");
        foreach (var dependency in CycloneDxNames.Sorted(document.Dependencies))
        {
            json.WriteStartObject();
            json.WriteString("ref", dependency.Ref);
            json.WriteStartArray("dependsOn");
            foreach (var target in dependency.DependsOn.Distinct().Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(target);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        if (document.Compositions.Count > 0)
        {
            json.WriteStartArray("compositions");
            foreach (var composition in CycloneDxNames.Sorted(document.Compositions))
            {
                json.WriteStartObject();
                json.WriteString("aggregate", CycloneDxNames.Aggregate(composition.Aggregate));
                json.WriteStartArray("dependencies");
                foreach (var reference in composition.DependencyRefs.Distinct().Order(StringComparer.Ordinal))
                {
                    json.WriteStringValue(reference);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (document.Vulnerabilities.Count > 0)
        {
            json.WriteStartArray("vulnerabilities");
            foreach (var vulnerability in document.Vulnerabilities.OrderBy(v => v.Id, StringComparer.Ordinal))
            {
                WriteVulnerability(json, vulnerability);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.Flush();
        if (indented)
        {
            stream.WriteByte((byte)'\n');
        }
    }

    private static void WriteMetadata(Utf8JsonWriter json, SbomMetadata metadata)
    {
        json.WriteStartObject("metadata");
        json.WriteString("timestamp", CycloneDxNames.Timestamp(metadata.Timestamp));
        if (metadata.Tools.Count > 0)
        {
            json.WriteStartObject("tools");
            json.WriteStartArray("components");
            foreach (var tool in metadata.Tools)
            {
                json.WriteStartObject();
                json.WriteString("type", "application");
                if (tool.Group is not null)
                {
                    json.WriteString("group", tool.Group);
                }

                json.WriteString("name", tool.Name);
                json.WriteString("version", tool.Version);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        if (metadata.Component is not null)
        {
            json.WritePropertyName("component");
            WriteComponent(json, metadata.Component);
        }

        if (metadata.Supplier is not null)
        {
            WriteOrganization(json, "supplier", metadata.Supplier);
        }

        WriteProperties(json, metadata.Properties);
        json.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter json, SbomComponent component)
    {
        json.WriteStartObject();
        json.WriteString("type", CycloneDxNames.ComponentType(component.Type));
        json.WriteString("bom-ref", component.BomRef);
        if (component.Supplier is not null)
        {
            WriteOrganization(json, "supplier", component.Supplier);
        }

        if (component.Authors.Count > 0)
        {
            json.WriteStartArray("authors");
            foreach (var author in component.Authors)
            {
                json.WriteStartObject();
                json.WriteString("name", author);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteOptional(json, "publisher", component.Publisher);
        WriteOptional(json, "group", component.Group);
        json.WriteString("name", component.Name);
        WriteOptional(json, "version", component.Version);
        WriteOptional(json, "description", component.Description);
        if (component.Scope is { } scope)
        {
            json.WriteString("scope", CycloneDxNames.Scope(scope));
        }

        if (component.Hashes.Count > 0)
        {
            json.WriteStartArray("hashes");
            foreach (var hash in component.Hashes)
            {
                json.WriteStartObject();
                json.WriteString("alg", CycloneDxNames.HashAlgorithm(hash.Algorithm));
                json.WriteString("content", hash.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (component.Licenses.Count > 0)
        {
            json.WriteStartArray("licenses");
            foreach (var license in CycloneDxNames.LicensesToWrite(component.Licenses))
            {
                json.WriteStartObject();
                if (license.Kind == SbomLicenseKind.Expression)
                {
                    json.WriteString("expression", license.Value);
                }
                else
                {
                    json.WriteStartObject("license");
                    json.WriteString(license.Kind == SbomLicenseKind.SpdxId ? "id" : "name", license.Value);
                    WriteOptional(json, "url", license.Url);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteOptional(json, "copyright", component.Copyright);
        if (component.Purl is not null)
        {
            json.WriteString("purl", component.Purl.ToString());
        }

        if (component.ExternalReferences.Count > 0)
        {
            json.WriteStartArray("externalReferences");
            foreach (var reference in component.ExternalReferences)
            {
                json.WriteStartObject();
                json.WriteString("url", reference.Url);
                WriteOptional(json, "comment", reference.Comment);
                json.WriteString("type", CycloneDxNames.ExternalReferenceType(reference.Type));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteProperties(json, component.Properties);
        if (component.Evidence is { } evidence && (evidence.Identity.Count > 0 || evidence.Occurrences.Count > 0))
        {
            json.WriteStartObject("evidence");
            if (evidence.Identity.Count > 0)
            {
                json.WriteStartArray("identity");
                foreach (var identity in evidence.Identity)
                {
                    json.WriteStartObject();
                    json.WriteString("field", identity.Field);
                    json.WriteNumber("confidence", identity.Confidence);
                    json.WriteStartArray("methods");
                    json.WriteStartObject();
                    json.WriteString("technique", identity.Technique);
                    json.WriteNumber("confidence", identity.Confidence);
                    WriteOptional(json, "value", identity.Value);
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (evidence.Occurrences.Count > 0)
            {
                json.WriteStartArray("occurrences");
                foreach (var occurrence in evidence.Occurrences)
                {
                    json.WriteStartObject();
                    json.WriteString("location", occurrence.Location);
                    WriteOptional(json, "additionalContext", occurrence.AdditionalContext);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteVulnerability(Utf8JsonWriter json, SbomVulnerability vulnerability)
    {
        json.WriteStartObject();
        // A VEX-suppressed entry sits beside the found one for the same advisory, so its bom-ref names the state.
        json.WriteString("bom-ref", vulnerability.Analysis is { } state ? $"vulnerability:{vulnerability.Id}:{state.State}" : $"vulnerability:{vulnerability.Id}");
        json.WriteString("id", vulnerability.Id);
        if (vulnerability.SourceName is not null || vulnerability.SourceUrl is not null)
        {
            json.WriteStartObject("source");
            WriteOptional(json, "name", vulnerability.SourceName);
            WriteOptional(json, "url", vulnerability.SourceUrl);
            json.WriteEndObject();
        }

        if (vulnerability.Ratings.Count > 0)
        {
            json.WriteStartArray("ratings");
            foreach (var rating in vulnerability.Ratings)
            {
                json.WriteStartObject();
                if (rating.Score is { } score)
                {
                    json.WriteNumber("score", score);
                }

                json.WriteString("severity", rating.Severity);
                WriteOptional(json, "method", rating.Method);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteOptional(json, "description", vulnerability.Description);
        if (vulnerability.SourceUrl is not null)
        {
            json.WriteStartArray("advisories");
            json.WriteStartObject();
            json.WriteString("url", vulnerability.SourceUrl);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (vulnerability.Analysis is { } analysis)
        {
            json.WriteStartObject("analysis");
            json.WriteString("state", analysis.State);
            WriteOptional(json, "justification", analysis.Justification);
            WriteOptional(json, "detail", analysis.Detail);
            json.WriteEndObject();
        }

        json.WriteStartArray("affects");
        foreach (var affected in vulnerability.AffectedRefs.Distinct().Order(StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("ref", affected);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOrganization(Utf8JsonWriter json, string name, SbomOrganization organization)
    {
        json.WriteStartObject(name);
        json.WriteString("name", organization.Name);
        if (organization.Urls is { Count: > 0 } urls)
        {
            json.WriteStartArray("url");
            foreach (var url in urls)
            {
                json.WriteStringValue(url);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter json, IReadOnlyList<SbomProperty> properties)
    {
        if (properties.Count == 0)
        {
            return;
        }

        json.WriteStartArray("properties");
        foreach (var property in CycloneDxNames.Sorted(properties))
        {
            json.WriteStartObject();
            json.WriteString("name", property.Name);
            json.WriteString("value", property.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
