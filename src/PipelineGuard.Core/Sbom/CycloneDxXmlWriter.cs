using System.Text;
using System.Xml;

namespace PipelineGuard.Sbom;

/// <summary>
/// Writes an <see cref="SbomDocument"/> as CycloneDX 1.6 or 1.7 XML, elements in schema order, sorted like
/// <see cref="CycloneDxJsonWriter"/> so the output is stable.
/// </summary>
public static class CycloneDxXmlWriter
{
    /// <summary>Writes <paramref name="document"/> to <paramref name="stream"/> as UTF-8 XML (no BOM, LF newlines).</summary>
    public static void Write(SbomDocument document, Stream stream, CycloneDxSpecVersion specVersion = CycloneDxSpecVersion.V1_6)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stream);
        var version = CycloneDxNames.SpecVersion(specVersion);
        var ns = $"http://cyclonedx.org/schema/bom/{version}";
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n", CloseOutput = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("bom", ns);
            xml.WriteAttributeString("serialNumber", $"urn:uuid:{document.SerialNumber:D}");
            xml.WriteAttributeString("version", document.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteMetadata(xml, ns, document.Metadata);
            xml.WriteStartElement("components", ns);
            foreach (var component in CycloneDxNames.Sorted(document.Components))
            {
                WriteComponent(xml, ns, component);
            }

            xml.WriteEndElement();
            xml.WriteStartElement("dependencies", ns);
            foreach (var dependency in CycloneDxNames.Sorted(document.Dependencies))
            {
                xml.WriteStartElement("dependency", ns);
                xml.WriteAttributeString("ref", dependency.Ref);
                foreach (var target in dependency.DependsOn.Distinct().Order(StringComparer.Ordinal))
                {
                    xml.WriteStartElement("dependency", ns);
                    xml.WriteAttributeString("ref", target);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            if (document.Compositions.Count > 0)
            {
                xml.WriteStartElement("compositions", ns);
                foreach (var composition in CycloneDxNames.Sorted(document.Compositions))
                {
                    xml.WriteStartElement("composition", ns);
                    xml.WriteElementString("aggregate", ns, CycloneDxNames.Aggregate(composition.Aggregate));
                    xml.WriteStartElement("dependencies", ns);
                    foreach (var reference in composition.DependencyRefs.Distinct().Order(StringComparer.Ordinal))
                    {
                        xml.WriteStartElement("dependency", ns);
                        xml.WriteAttributeString("ref", reference);
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            if (document.Vulnerabilities.Count > 0)
            {
                xml.WriteStartElement("vulnerabilities", ns);
                foreach (var vulnerability in document.Vulnerabilities.OrderBy(v => v.Id, StringComparer.Ordinal))
                {
                    WriteVulnerability(xml, ns, vulnerability);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteMetadata(XmlWriter xml, string ns, SbomMetadata metadata)
    {
        xml.WriteStartElement("metadata", ns);
        xml.WriteElementString("timestamp", ns, CycloneDxNames.Timestamp(metadata.Timestamp));
        if (metadata.Tools.Count > 0)
        {
            xml.WriteStartElement("tools", ns);
            xml.WriteStartElement("components", ns);
            foreach (var tool in metadata.Tools)
            {
                xml.WriteStartElement("component", ns);
                xml.WriteAttributeString("type", "application");
                Optional(xml, ns, "group", tool.Group);
                xml.WriteElementString("name", ns, tool.Name);
                xml.WriteElementString("version", ns, tool.Version);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        if (metadata.Component is not null)
        {
            WriteComponent(xml, ns, metadata.Component);
        }

        if (metadata.Supplier is not null)
        {
            WriteOrganization(xml, ns, "supplier", metadata.Supplier);
        }

        WriteProperties(xml, ns, metadata.Properties);
        xml.WriteEndElement();
    }

    private static void WriteComponent(XmlWriter xml, string ns, SbomComponent component)
    {
        xml.WriteStartElement("component", ns);
        xml.WriteAttributeString("type", CycloneDxNames.ComponentType(component.Type));
        xml.WriteAttributeString("bom-ref", component.BomRef);
        if (component.Supplier is not null)
        {
            WriteOrganization(xml, ns, "supplier", component.Supplier);
        }

        if (component.Authors.Count > 0)
        {
            xml.WriteStartElement("authors", ns);
            foreach (var author in component.Authors)
            {
                xml.WriteStartElement("author", ns);
                xml.WriteElementString("name", ns, author);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        Optional(xml, ns, "publisher", component.Publisher);
        Optional(xml, ns, "group", component.Group);
        xml.WriteElementString("name", ns, component.Name);
        Optional(xml, ns, "version", component.Version);
        Optional(xml, ns, "description", component.Description);
        if (component.Scope is { } scope)
        {
            xml.WriteElementString("scope", ns, CycloneDxNames.Scope(scope));
        }

        if (component.Hashes.Count > 0)
        {
            xml.WriteStartElement("hashes", ns);
            foreach (var hash in component.Hashes)
            {
                xml.WriteStartElement("hash", ns);
                xml.WriteAttributeString("alg", CycloneDxNames.HashAlgorithm(hash.Algorithm));
                xml.WriteString(hash.Value);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        if (component.Licenses.Count > 0)
        {
            xml.WriteStartElement("licenses", ns);
            foreach (var license in CycloneDxNames.LicensesToWrite(component.Licenses))
            {
                if (license.Kind == SbomLicenseKind.Expression)
                {
                    xml.WriteElementString("expression", ns, license.Value);
                    continue;
                }

                xml.WriteStartElement("license", ns);
                xml.WriteElementString(license.Kind == SbomLicenseKind.SpdxId ? "id" : "name", ns, license.Value);
                Optional(xml, ns, "url", license.Url);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        Optional(xml, ns, "copyright", component.Copyright);
        if (component.Purl is not null)
        {
            xml.WriteElementString("purl", ns, component.Purl.ToString());
        }

        if (component.ExternalReferences.Count > 0)
        {
            xml.WriteStartElement("externalReferences", ns);
            foreach (var reference in component.ExternalReferences)
            {
                xml.WriteStartElement("reference", ns);
                xml.WriteAttributeString("type", CycloneDxNames.ExternalReferenceType(reference.Type));
                xml.WriteElementString("url", ns, reference.Url);
                Optional(xml, ns, "comment", reference.Comment);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        WriteProperties(xml, ns, component.Properties);
        if (component.Evidence is { } evidence && (evidence.Identity.Count > 0 || evidence.Occurrences.Count > 0))
        {
            xml.WriteStartElement("evidence", ns);
            foreach (var identity in evidence.Identity)
            {
                var confidence = identity.Confidence.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
                xml.WriteStartElement("identity", ns);
                xml.WriteElementString("field", ns, identity.Field);
                xml.WriteElementString("confidence", ns, confidence);
                xml.WriteStartElement("methods", ns);
                xml.WriteStartElement("method", ns);
                xml.WriteElementString("technique", ns, identity.Technique);
                xml.WriteElementString("confidence", ns, confidence);
                Optional(xml, ns, "value", identity.Value);
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            if (evidence.Occurrences.Count > 0)
            {
                xml.WriteStartElement("occurrences", ns);
                foreach (var occurrence in evidence.Occurrences)
                {
                    xml.WriteStartElement("occurrence", ns);
                    xml.WriteElementString("location", ns, occurrence.Location);
                    Optional(xml, ns, "additionalContext", occurrence.AdditionalContext);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteVulnerability(XmlWriter xml, string ns, SbomVulnerability vulnerability)
    {
        xml.WriteStartElement("vulnerability", ns);
        xml.WriteAttributeString("bom-ref", vulnerability.Analysis is { } state ? $"vulnerability:{vulnerability.Id}:{state.State}" : $"vulnerability:{vulnerability.Id}");
        xml.WriteElementString("id", ns, vulnerability.Id);
        if (vulnerability.SourceName is not null || vulnerability.SourceUrl is not null)
        {
            xml.WriteStartElement("source", ns);
            Optional(xml, ns, "name", vulnerability.SourceName);
            Optional(xml, ns, "url", vulnerability.SourceUrl);
            xml.WriteEndElement();
        }

        if (vulnerability.Ratings.Count > 0)
        {
            xml.WriteStartElement("ratings", ns);
            foreach (var rating in vulnerability.Ratings)
            {
                xml.WriteStartElement("rating", ns);
                if (rating.Score is { } score)
                {
                    xml.WriteElementString("score", ns, score.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                xml.WriteElementString("severity", ns, rating.Severity);
                Optional(xml, ns, "method", rating.Method);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        Optional(xml, ns, "description", vulnerability.Description);
        if (vulnerability.SourceUrl is not null)
        {
            xml.WriteStartElement("advisories", ns);
            xml.WriteStartElement("advisory", ns);
            xml.WriteElementString("url", ns, vulnerability.SourceUrl);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        // The schema's order: analysis comes after the advisories and before affects.
        if (vulnerability.Analysis is { } analysis)
        {
            xml.WriteStartElement("analysis", ns);
            xml.WriteElementString("state", ns, analysis.State);
            Optional(xml, ns, "justification", analysis.Justification);
            Optional(xml, ns, "detail", analysis.Detail);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("affects", ns);
        foreach (var affected in vulnerability.AffectedRefs.Distinct().Order(StringComparer.Ordinal))
        {
            xml.WriteStartElement("target", ns);
            xml.WriteElementString("ref", ns, affected);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteOrganization(XmlWriter xml, string ns, string name, SbomOrganization organization)
    {
        xml.WriteStartElement(name, ns);
        xml.WriteElementString("name", ns, organization.Name);
        foreach (var url in organization.Urls ?? [])
        {
            xml.WriteElementString("url", ns, url);
        }

        xml.WriteEndElement();
    }

    private static void WriteProperties(XmlWriter xml, string ns, IReadOnlyList<SbomProperty> properties)
    {
        if (properties.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("properties", ns);
        foreach (var property in CycloneDxNames.Sorted(properties))
        {
            xml.WriteStartElement("property", ns);
            xml.WriteAttributeString("name", property.Name);
            xml.WriteString(property.Value);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Optional(XmlWriter xml, string ns, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, ns, value);
        }
    }
}
