using System.Text.Json;
using PipelineGuard.Sbom;

namespace PipelineGuard.Vulnerabilities.Vex;

/// <summary>
/// The statements of OpenVEX (v0.2.0, and the bare-string <c>vulnerability</c> of earlier drafts) and CycloneDX VEX
/// documents (<c>vulnerabilities[].analysis.state</c> with <c>affects[].ref</c>). A statement applies to a finding when
/// it names the advisory's id or one of its aliases (or the statement's aliases name the advisory) and one of its
/// products is the component: the same purl (a purl without version or qualifiers covers them all), the component's
/// BOM ref, or the SBOM's subject (an image or project) for a statement about the whole product.
/// </summary>
internal sealed class VexStatements
{
    private const int MaxDocumentBytes = 32 * 1024 * 1024;

    private VexStatements(IReadOnlyList<VexStatement> statements) => All = statements;

    /// <summary>Every statement read, in file order.</summary>
    public IReadOnlyList<VexStatement> All { get; }

    /// <summary>Reads the files; errors name the file and field. Statements of files with errors are not used.</summary>
    public static (VexStatements Statements, IReadOnlyList<string> Errors) Load(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var statements = new List<VexStatement>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                if (new FileInfo(file).Length > MaxDocumentBytes)
                {
                    errors.Add($"{file}: more than {MaxDocumentBytes} bytes; not read as a VEX document");
                    continue;
                }

                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{file}: cannot be read: {e.Message}");
                continue;
            }

            var (read, error) = Parse(bytes, file);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                statements.AddRange(read);
            }
        }

        return (new VexStatements(statements), errors);
    }

    /// <summary>The statements of one OpenVEX or CycloneDX document, or an error naming <paramref name="origin"/> and the field.</summary>
    public static (List<VexStatement> Statements, string? Error) Parse(ReadOnlyMemory<byte> json, string origin)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("statements", out var statements))
            {
                return OpenVex(statements, origin);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("bomFormat", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "CycloneDX")
            {
                return CycloneDx(root, origin);
            }

            return ([], $"{origin}: neither an OpenVEX document (field 'statements') nor a CycloneDX one (field 'bomFormat')");
        }
        catch (JsonException e)
        {
            return ([], $"{origin}: not JSON (line {e.LineNumber + 1}): {e.Message}");
        }
    }

    private static (List<VexStatement>, string?) OpenVex(JsonElement statements, string origin)
    {
        var list = new List<VexStatement>();
        if (statements.ValueKind != JsonValueKind.Array)
        {
            return (list, $"{origin}: field 'statements' is not an array");
        }

        var k = 0;
        foreach (var statement in statements.EnumerateArray())
        {
            var field = $"statements[{k++}]";
            if (statement.ValueKind != JsonValueKind.Object)
            {
                return (list, $"{origin}: field '{field}' is not an object");
            }

            string? name = null;
            var aliases = new List<string>();
            if (statement.TryGetProperty("vulnerability", out var vulnerability))
            {
                if (vulnerability.ValueKind == JsonValueKind.String)
                {
                    name = vulnerability.GetString();
                }
                else if (vulnerability.ValueKind == JsonValueKind.Object)
                {
                    name = Text(vulnerability, "name") ?? Text(vulnerability, "@id");
                    aliases.AddRange(Texts(vulnerability, "aliases"));
                }
            }

            if (string.IsNullOrEmpty(name))
            {
                return (list, $"{origin}: field '{field}.vulnerability.name' is missing");
            }

            var products = new List<VexProduct>();
            if (statement.TryGetProperty("products", out var productList) && productList.ValueKind == JsonValueKind.Array)
            {
                foreach (var product in productList.EnumerateArray())
                {
                    if (product.ValueKind == JsonValueKind.String)
                    {
                        products.Add(new VexProduct(product.GetString()!));
                        continue;
                    }

                    if (product.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var ids = Identifiers(product);
                    var subcomponents = product.TryGetProperty("subcomponents", out var subList) && subList.ValueKind == JsonValueKind.Array
                        ? subList.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).SelectMany(Identifiers).ToList()
                        : [];
                    if (subcomponents.Count == 0)
                    {
                        products.AddRange(ids.Select(id => new VexProduct(id)));
                    }
                    else
                    {
                        // The statement is about these subcomponents inside the product, not the whole product.
                        products.AddRange(ids.SelectMany(id => subcomponents.Select(sub => new VexProduct(sub, id))));
                    }
                }
            }

            if (products.Count == 0)
            {
                return (list, $"{origin}: field '{field}.products' names no product");
            }

            VexStatus? status = Text(statement, "status") switch
            {
                "not_affected" => VexStatus.NotAffected,
                "fixed" => VexStatus.Fixed,
                "affected" => VexStatus.Affected,
                "under_investigation" => VexStatus.UnderInvestigation,
                _ => null,
            };
            if (status is null)
            {
                return (list, $"{origin}: field '{field}.status' is not one of not_affected, affected, fixed, under_investigation");
            }

            var justification = Text(statement, "justification") ?? Text(statement, "impact_statement");
            if (status == VexStatus.NotAffected && string.IsNullOrEmpty(justification))
            {
                return (list, $"{origin}: field '{field}.justification': a not_affected statement needs a justification or an impact_statement");
            }

            list.Add(new VexStatement(name, aliases, products, status.Value, justification, $"{origin} {field}"));
        }

        return (list, null);
    }

    private static List<string> Identifiers(JsonElement product)
    {
        var ids = new List<string>();
        if (Text(product, "@id") is { Length: > 0 } id)
        {
            ids.Add(id);
        }

        if (product.TryGetProperty("identifiers", out var identifiers) && identifiers.ValueKind == JsonValueKind.Object && Text(identifiers, "purl") is { Length: > 0 } purl)
        {
            ids.Add(purl);
        }

        return ids;
    }

    private static (List<VexStatement>, string?) CycloneDx(JsonElement root, string origin)
    {
        var list = new List<VexStatement>();
        if (!root.TryGetProperty("vulnerabilities", out var vulnerabilities))
        {
            return (list, null);
        }

        if (vulnerabilities.ValueKind != JsonValueKind.Array)
        {
            return (list, $"{origin}: field 'vulnerabilities' is not an array");
        }

        var k = 0;
        foreach (var vulnerability in vulnerabilities.EnumerateArray())
        {
            var field = $"vulnerabilities[{k++}]";
            if (vulnerability.ValueKind != JsonValueKind.Object || Text(vulnerability, "id") is not { Length: > 0 } id)
            {
                return (list, $"{origin}: field '{field}.id' is missing");
            }

            if (!vulnerability.TryGetProperty("analysis", out var analysis) || analysis.ValueKind != JsonValueKind.Object)
            {
                // A vulnerability without analysis is a finding, not a VEX statement.
                continue;
            }

            VexStatus? status = Text(analysis, "state") switch
            {
                "not_affected" or "false_positive" => VexStatus.NotAffected,
                "resolved" or "resolved_with_pedigree" => VexStatus.Fixed,
                "exploitable" => VexStatus.Affected,
                "in_triage" => VexStatus.UnderInvestigation,
                _ => null,
            };
            if (status is null)
            {
                return (list, $"{origin}: field '{field}.analysis.state' is not one of resolved, resolved_with_pedigree, exploitable, in_triage, false_positive, not_affected");
            }

            var justification = Text(analysis, "justification") ?? Text(analysis, "detail") ?? (Text(analysis, "state") == "false_positive" ? "false_positive" : null);
            if (status == VexStatus.NotAffected && string.IsNullOrEmpty(justification))
            {
                return (list, $"{origin}: field '{field}.analysis.justification': a not_affected analysis needs a justification or a detail");
            }

            var products = new List<VexProduct>();
            if (vulnerability.TryGetProperty("affects", out var affects) && affects.ValueKind == JsonValueKind.Array)
            {
                products.AddRange(affects.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => Text(a, "ref")).OfType<string>()
                    .Select(r => new VexProduct(r.StartsWith("urn:cdx:", StringComparison.Ordinal) && r.IndexOf('#', StringComparison.Ordinal) is var hash and > 0 ? Uri.UnescapeDataString(r[(hash + 1)..]) : r)));
            }

            if (products.Count == 0)
            {
                return (list, $"{origin}: field '{field}.affects' names no component");
            }

            var aliases = new List<string>();
            if (vulnerability.TryGetProperty("references", out var references) && references.ValueKind == JsonValueKind.Array)
            {
                aliases.AddRange(references.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).Select(r => Text(r, "id")).OfType<string>());
            }

            list.Add(new VexStatement(id, aliases, products, status.Value, justification, $"{origin} {field}"));
        }

        return (list, null);
    }

    /// <summary>The first statement that applies to the match and suppresses it; a non-suppressing statement that applies first keeps it.</summary>
    public VexStatement? Suppressing(VulnerabilityMatch match, SbomDocument document)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(document);
        var ids = new HashSet<string>(match.Ids, StringComparer.OrdinalIgnoreCase);
        foreach (var statement in All)
        {
            if (!ids.Contains(statement.Vulnerability) && !statement.Aliases.Any(ids.Contains))
            {
                continue;
            }

            if (!statement.Products.Any(p => Covers(p, match.Component, document)))
            {
                continue;
            }

            // affected or under_investigation: the finding stays, whatever a later statement says.
            return statement.Suppresses ? statement : null;
        }

        return null;
    }

    private static bool Covers(VexProduct product, SbomComponent component, SbomDocument document)
    {
        var subject = document.Metadata.Component;
        if (product.Within is { } within)
        {
            return subject is not null && IsComponent(within, subject) && IsComponent(product.Id, component);
        }

        return IsComponent(product.Id, component) || (subject is not null && IsComponent(product.Id, subject));
    }

    private static bool IsComponent(string product, SbomComponent component) =>
        string.Equals(product, component.BomRef, StringComparison.Ordinal) || (component.Purl is { } purl && PurlCovers(product, purl));

    // A purl product covers a component's purl when type, namespace and name agree and its version and qualifiers, where given, do too.
    private static bool PurlCovers(string product, PackageUrl purl)
    {
        if (PackageUrl.TryParse(product) is not { } statement)
        {
            return false;
        }

        var caseInsensitive = purl.Type == "nuget" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return statement.Type == purl.Type
            && string.Equals(statement.Namespace ?? string.Empty, purl.Namespace ?? string.Empty, StringComparison.OrdinalIgnoreCase)
            && string.Equals(statement.Name, purl.Name, caseInsensitive)
            && (statement.Version is null || string.Equals(statement.Version, purl.Version, caseInsensitive))
            && statement.Qualifiers.All(q => purl.Qualifiers.TryGetValue(q.Key, out var value) && string.Equals(value, q.Value, StringComparison.Ordinal));
    }

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Texts(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
            : [];
}
