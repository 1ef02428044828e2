using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PipelineGuard.Sbom;

/// <summary>
/// Writes an <see cref="SbomDocument"/> as SPDX 2.3 JSON: one package per component (checksums, purl external reference,
/// declared licence, supplier, copyright), DESCRIBES for the root, DEPENDS_ON for every edge to a required component
/// and DEV_DEPENDENCY_OF (reversed) for every edge to a development-only one (CycloneDX scope <c>excluded</c>). A package
/// named by an incomplete composition carries an annotation saying so, with what restore could not resolve. Sorted
/// like the CycloneDX writers, so the output is stable.
/// </summary>
public static class SpdxJsonWriter
{
    /// <summary>Writes <paramref name="document"/> to <paramref name="stream"/> as UTF-8 JSON.</summary>
    public static void Write(SbomDocument document, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stream);
        var components = new List<SbomComponent>();
        if (document.Metadata.Component is { } root)
        {
            components.Add(root);
        }

        components.AddRange(CycloneDxNames.Sorted(document.Components));
        var ids = AssignIds(components);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("spdxVersion", "SPDX-2.3");
        json.WriteString("dataLicense", "CC0-1.0");
        json.WriteString("SPDXID", "SPDXRef-DOCUMENT");
        var rootComponent = document.Metadata.Component;
        json.WriteString("name", rootComponent is null ? "sbom" : rootComponent.Version is null ? rootComponent.Name : $"{rootComponent.Name}@{rootComponent.Version}");
        json.WriteString("documentNamespace", $"urn:uuid:{document.SerialNumber:D}");
        json.WriteStartObject("creationInfo");
        json.WriteString("created", CycloneDxNames.Timestamp(document.Metadata.Timestamp));
        json.WriteStartArray("creators");
        // SPDX requires at least one creator: the document's tools, or this writer.
        var tools = document.Metadata.Tools.Count > 0 ? document.Metadata.Tools : [new SbomTool(PipelineGuardInfo.ProductName, PipelineGuardInfo.ShortVersion)];
        foreach (var tool in tools)
        {
            json.WriteStringValue($"Tool: {tool.Name}-{tool.Version}");
        }

        json.WriteEndArray();
        json.WriteString("licenseListVersion", LicenseListVersion());
        json.WriteEndObject();
        if (document.Metadata.Properties.Count > 0)
        {
            // SPDX 2.3 has no document properties: the document-wide facts (frameworks, runtime graphs) go in its comment.
            json.WriteString("comment", string.Join('\n', document.Metadata.Properties.Select(p => $"{p.Name}={p.Value}").Order(StringComparer.Ordinal)));
        }

        if (rootComponent is not null)
        {
            json.WriteStartArray("documentDescribes");
            json.WriteStringValue(ids[rootComponent.BomRef]);
            json.WriteEndArray();
        }

        var incomplete = document.Compositions.Where(c => c.Aggregate == SbomCompositionAggregate.Incomplete)
            .SelectMany(c => c.DependencyRefs).ToHashSet(StringComparer.Ordinal);
        var annotation = new Annotation(CycloneDxNames.Timestamp(document.Metadata.Timestamp), $"Tool: {tools[0].Name}-{tools[0].Version}", incomplete);
        var advisories = document.Vulnerabilities
            .SelectMany(v => v.AffectedRefs.Select(r => (Ref: r, Vulnerability: v)))
            .ToLookup(x => x.Ref, x => x.Vulnerability, StringComparer.Ordinal);
        json.WriteStartArray("packages");
        foreach (var component in components)
        {
            WritePackage(json, component, ids[component.BomRef], advisories[component.BomRef], annotation);
        }

        json.WriteEndArray();

        json.WriteStartArray("relationships");
        if (rootComponent is not null)
        {
            WriteRelationship(json, "SPDXRef-DOCUMENT", "DESCRIBES", ids[rootComponent.BomRef]);
        }

        var developmentOnly = components.Where(c => c.Scope == SbomScope.Excluded).Select(c => c.BomRef).ToHashSet(StringComparer.Ordinal);
        foreach (var dependency in CycloneDxNames.Sorted(document.Dependencies))
        {
            if (!ids.TryGetValue(dependency.Ref, out var from))
            {
                continue;
            }

            foreach (var target in dependency.DependsOn.Distinct().Order(StringComparer.Ordinal))
            {
                if (!ids.TryGetValue(target, out var to))
                {
                    continue;
                }

                // "A DEV_DEPENDENCY_OF B": A is a development dependency of B, so the edge is written from its target.
                if (developmentOnly.Contains(target))
                {
                    WriteRelationship(json, to, "DEV_DEPENDENCY_OF", from);
                }
                else
                {
                    WriteRelationship(json, from, "DEPENDS_ON", to);
                }
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>What a package annotation needs: its date and annotator, and which bom-refs are incomplete.</summary>
    private sealed record Annotation(string Date, string Annotator, HashSet<string> IncompleteRefs);

    private static void WritePackage(Utf8JsonWriter json, SbomComponent component, string id, IEnumerable<SbomVulnerability> vulnerabilities, Annotation annotation)
    {
        json.WriteStartObject();
        json.WriteString("SPDXID", id);
        json.WriteString("name", component.Group is null ? component.Name : $"{component.Group}/{component.Name}");
        if (component.Version is not null)
        {
            json.WriteString("versionInfo", component.Version);
        }

        if (component.Supplier is not null)
        {
            json.WriteString("supplier", $"Organization: {OneLine(component.Supplier.Name)}");
        }

        if (component.Authors.Count > 0)
        {
            json.WriteString("originator", $"Organization: {OneLine(string.Join(", ", component.Authors))}");
        }

        json.WriteString("downloadLocation", "NOASSERTION");
        json.WriteBoolean("filesAnalyzed", false);
        var checksums = component.Hashes;
        if (checksums.Count > 0)
        {
            json.WriteStartArray("checksums");
            foreach (var hash in checksums)
            {
                json.WriteStartObject();
                json.WriteString("algorithm", hash.Algorithm switch
                {
                    SbomHashAlgorithm.Sha1 => "SHA1",
                    SbomHashAlgorithm.Sha256 => "SHA256",
                    SbomHashAlgorithm.Sha384 => "SHA384",
                    SbomHashAlgorithm.Sha512 => "SHA512",
                    SbomHashAlgorithm.Md5 => "MD5",
                    _ => throw new ArgumentOutOfRangeException(nameof(component)),
                });
                json.WriteString("checksumValue", hash.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        var homepage = component.ExternalReferences.FirstOrDefault(r => r.Type == SbomExternalReferenceType.Website)?.Url;
        if (homepage is not null)
        {
            json.WriteString("homepage", homepage);
        }

        json.WriteString("licenseConcluded", "NOASSERTION");
        json.WriteString("licenseDeclared", DeclaredLicense(component.Licenses));
        json.WriteString("copyrightText", component.Copyright ?? "NOASSERTION");
        if (component.Description is not null)
        {
            json.WriteString("description", component.Description);
        }

        var named = component.Licenses.Where(l => l.Kind == SbomLicenseKind.Named).ToList();
        if (named.Count > 0)
        {
            json.WriteString("licenseComments", string.Join("; ", named.Select(l => l.Url is null ? l.Value : $"{l.Value} <{l.Url}>")));
        }

        json.WriteStartArray("externalRefs");
        if (component.Purl is not null)
        {
            WriteExternalRef(json, "PACKAGE-MANAGER", "purl", component.Purl.ToString());
        }

        foreach (var vulnerability in vulnerabilities.OrderBy(v => v.Id, StringComparer.Ordinal))
        {
            if (vulnerability.SourceUrl is not null)
            {
                WriteExternalRef(json, "SECURITY", "advisory", vulnerability.SourceUrl);
            }
        }

        json.WriteEndArray();
        if (annotation.IncompleteRefs.Contains(component.BomRef))
        {
            var unresolved = component.Properties.Where(p => p.Name == SbomComposition.UnresolvedProperty).Select(p => p.Value).Order(StringComparer.Ordinal).ToList();
            json.WriteStartArray("annotations");
            json.WriteStartObject();
            json.WriteString("annotationDate", annotation.Date);
            json.WriteString("annotationType", "OTHER");
            json.WriteString("annotator", annotation.Annotator);
            json.WriteString("comment", unresolved.Count == 0
                ? "incomplete: the restore that produced this graph failed, so its dependencies may be incomplete"
                : $"incomplete: dependencies the restore could not resolve: {string.Join("; ", unresolved)}");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteString("primaryPackagePurpose", component.Type switch
        {
            SbomComponentType.Application => "APPLICATION",
            SbomComponentType.Framework => "FRAMEWORK",
            SbomComponentType.Container => "CONTAINER",
            SbomComponentType.OperatingSystem => "OPERATING-SYSTEM",
            SbomComponentType.File => "FILE",
            SbomComponentType.Platform => "DEVICE",
            SbomComponentType.Data => "OTHER",
            _ => "LIBRARY",
        });
        json.WriteEndObject();
    }

    private static void WriteExternalRef(Utf8JsonWriter json, string category, string type, string locator)
    {
        json.WriteStartObject();
        json.WriteString("referenceCategory", category);
        json.WriteString("referenceType", type);
        json.WriteString("referenceLocator", locator);
        json.WriteEndObject();
    }

    private static void WriteRelationship(Utf8JsonWriter json, string from, string type, string to)
    {
        json.WriteStartObject();
        json.WriteString("spdxElementId", from);
        json.WriteString("relationshipType", type);
        json.WriteString("relatedSpdxElement", to);
        json.WriteEndObject();
    }

    // SPDX 2.3 declares licences only as expressions over the SPDX list; a licence that is not on it (a file in the
    // package, a bare URL) is NOASSERTION here and described in licenseComments. LicenseRef- ids would need
    // extracted licensing info that a nuspec does not give, so expressions using them are NOASSERTION too.
    private static string DeclaredLicense(IReadOnlyList<SbomLicense> licenses)
    {
        var expression = licenses.FirstOrDefault(l => l.Kind == SbomLicenseKind.Expression);
        if (expression is not null)
        {
            return expression.Value.Contains("LicenseRef-", StringComparison.Ordinal) || expression.Value.Contains("DocumentRef-", StringComparison.Ordinal) ? "NOASSERTION" : expression.Value;
        }

        var ids = licenses.Where(l => l.Kind == SbomLicenseKind.SpdxId).Select(l => l.Value).ToList();
        return ids.Count switch
        {
            0 => "NOASSERTION",
            1 => ids[0],
            _ => string.Join(" AND ", ids),
        };
    }

    private static Dictionary<string, string> AssignIds(IEnumerable<SbomComponent> components)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal) { "SPDXRef-DOCUMENT" };
        foreach (var component in components)
        {
            if (ids.ContainsKey(component.BomRef))
            {
                continue;
            }

            var builder = new StringBuilder("SPDXRef-");
            var source = component.Purl is not null && component.BomRef.StartsWith("pkg:", StringComparison.Ordinal) ? component.BomRef[4..] : component.BomRef;
            foreach (var c in source)
            {
                builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
            }

            var id = builder.ToString();
            var candidate = id;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = $"{id}-{n}";
            }

            ids[component.BomRef] = candidate;
        }

        return ids;
    }

    private static string LicenseListVersion()
    {
        // The embedded list's version is like "v1.1-3.29.0"; SPDX wants "major.minor" of the licence list.
        var version = SpdxLicenseList.Version;
        var dash = version.LastIndexOf('-');
        var parts = (dash >= 0 ? version[(dash + 1)..] : version).Split('.');
        return parts.Length >= 2 && parts.Take(2).All(p => p.All(char.IsAsciiDigit)) ? $"{parts[0]}.{parts[1]}" : "3.29";
    }

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
