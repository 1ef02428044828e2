using System.Text.Json;

namespace PipelineGuard.Vulnerabilities.Osv;

/// <summary>
/// Reads OSV records (schema 1.x). A record is parsed once per lookup with <see cref="JsonDocument"/> and turned into
/// an <see cref="OsvAdvisory"/> holding only what matching and reports need; the index pass reads only the affected
/// packages. A record that is not OSV gives an error naming the origin (file or zip entry) and the field.
/// </summary>
internal static class OsvReader
{
    /// <summary>The most one record may hold; real records are a few kilobytes.</summary>
    public const int MaxRecordBytes = 8 * 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>
    /// The (ecosystem, name) pairs a record's <c>affected[]</c> names, and its id; or an error. The index pass reads
    /// every record, so this one streams it with <see cref="Utf8JsonReader"/> and skips everything else unparsed.
    /// </summary>
    public static (string? Id, List<(string Ecosystem, string Name)> Packages, string? Error) ReadPackages(ReadOnlyMemory<byte> json, string origin)
    {
        var packages = new List<(string, string)>();
        string? id = null;
        try
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, packages, $"{origin}: an OSV record is a JSON object");
            }

            string? affectedError = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return (null, packages, $"{origin}: field 'id' is missing or not a string");
                    }

                    id = reader.GetString();
                }
                else if (reader.ValueTextEquals("affected"u8))
                {
                    reader.Read();
                    affectedError ??= ReadAffectedPackages(ref reader, packages);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (string.IsNullOrEmpty(id))
            {
                return (null, packages, $"{origin}: field 'id' is missing or not a string");
            }

            return affectedError is null ? (id, packages, null) : (id, packages, $"{origin} ({id}): {affectedError}");
        }
        catch (JsonException e)
        {
            return (null, packages, $"{origin}: not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
    }

    // The reader is on the value of "affected"; leaves it on that value's last token.
    private static string? ReadAffectedPackages(ref Utf8JsonReader reader, List<(string, string)> packages)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return "field 'affected' is not an array";
        }

        string? error = null;
        var k = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var field = $"affected[{k++}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                error ??= $"field '{field}' is not an object";
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPackage = reader.ValueTextEquals("package"u8);
                reader.Read();
                if (!isPackage)
                {
                    reader.Skip();
                    continue;
                }

                string? ecosystem = null, name = null;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var which = reader.ValueTextEquals("ecosystem"u8) ? 1 : reader.ValueTextEquals("name"u8) ? 2 : 0;
                        reader.Read();
                        if (which != 0 && reader.TokenType == JsonTokenType.String)
                        {
                            (which == 1 ? ref ecosystem : ref name) = reader.GetString();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }

                if (ecosystem is null || name is null)
                {
                    error ??= $"field '{field}.package' needs string fields 'ecosystem' and 'name'";
                }
                else
                {
                    packages.Add((ecosystem, name));
                }
            }
        }

        return error;
    }

    /// <summary>The whole record, keeping the affected entries for <paramref name="keep"/>'s packages; or an error.</summary>
    public static (OsvAdvisory? Advisory, string? Error) Read(ReadOnlyMemory<byte> json, string origin, Func<string, string, bool> keep)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            var root = document.RootElement;
            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : string.Empty;
            var aliases = Strings(root, "aliases", "aliases", out var aliasError);
            if (aliasError is not null)
            {
                return (null, $"{origin} ({id}): {aliasError}");
            }

            var summary = root.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var (severity, score, vector) = Severity(root);
            var affected = new List<OsvAffected>();
            var k = 0;
            foreach (var entry in root.TryGetProperty("affected", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : default)
            {
                var field = $"affected[{k++}]";
                var (ecosystem, name, error) = Package(entry, field);
                if (error is not null)
                {
                    return (null, $"{origin} ({id}): {error}");
                }

                if (ecosystem is null || name is null || !keep(ecosystem, name))
                {
                    continue;
                }

                var (item, itemError) = Affected(entry, field, ecosystem, name);
                if (itemError is not null)
                {
                    return (null, $"{origin} ({id}): {itemError}");
                }

                affected.Add(item!);
            }

            return (new OsvAdvisory(id, aliases, summary, severity, score, vector, affected, origin), null);
        }
        catch (JsonException e)
        {
            return (null, $"{origin}: not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
    }

    private static (string? Ecosystem, string? Name, string? Error) Package(JsonElement entry, string field)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return (null, null, $"field '{field}' is not an object");
        }

        if (!entry.TryGetProperty("package", out var package))
        {
            // An entry without a package names a source repository only (GIT ranges); nothing to match by package.
            return (null, null, null);
        }

        if (package.ValueKind != JsonValueKind.Object
            || !package.TryGetProperty("ecosystem", out var ecosystem) || ecosystem.ValueKind != JsonValueKind.String
            || !package.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return (null, null, $"field '{field}.package' needs string fields 'ecosystem' and 'name'");
        }

        return (ecosystem.GetString(), name.GetString(), null);
    }

    private static (OsvAffected? Affected, string? Error) Affected(JsonElement entry, string field, string ecosystem, string name)
    {
        var ranges = new List<OsvRange>();
        if (entry.TryGetProperty("ranges", out var rangeList))
        {
            if (rangeList.ValueKind != JsonValueKind.Array)
            {
                return (null, $"field '{field}.ranges' is not an array");
            }

            var r = 0;
            foreach (var range in rangeList.EnumerateArray())
            {
                var rangeField = $"{field}.ranges[{r++}]";
                if (range.ValueKind != JsonValueKind.Object || !range.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                    || !range.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
                {
                    return (null, $"field '{rangeField}' needs a string 'type' and an array 'events'");
                }

                var list = new List<OsvEvent>();
                var e = 0;
                foreach (var item in events.EnumerateArray())
                {
                    var eventField = $"{rangeField}.events[{e++}]";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        return (null, $"field '{eventField}' is not an object");
                    }

                    var found = false;
                    foreach (var property in item.EnumerateObject())
                    {
                        if (property.Name is "introduced" or "fixed" or "last_affected" or "limit")
                        {
                            if (property.Value.ValueKind != JsonValueKind.String)
                            {
                                return (null, $"field '{eventField}.{property.Name}' is not a string");
                            }

                            list.Add(new OsvEvent(property.Name, property.Value.GetString()!));
                            found = true;
                        }
                    }

                    if (!found)
                    {
                        return (null, $"field '{eventField}' has none of introduced, fixed, last_affected, limit");
                    }
                }

                ranges.Add(new OsvRange(type.GetString()!, list, rangeField));
            }
        }

        var versions = Strings(entry, "versions", $"{field}.versions", out var versionError);
        if (versionError is not null)
        {
            return (null, versionError);
        }

        var severity = VulnerabilitySeverity.Unknown;
        foreach (var specific in new[] { "ecosystem_specific", "database_specific" })
        {
            if (severity == VulnerabilitySeverity.Unknown && entry.TryGetProperty(specific, out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("severity", out var word) && word.ValueKind == JsonValueKind.String)
            {
                severity = VulnerabilitySeverities.FromWord(word.GetString());
            }
        }

        return (new OsvAffected(ecosystem, name, ranges, versions, severity, field), null);
    }

    // The record's CVSS v3 score where it has a vector; else the first rating word it carries.
    private static (VulnerabilitySeverity Severity, double? Score, string? Vector) Severity(JsonElement root)
    {
        string? fallbackVector = null;
        var fallback = VulnerabilitySeverity.Unknown;
        if (root.TryGetProperty("severity", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("type", out var type) || !item.TryGetProperty("score", out var score) || score.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var text = score.GetString()!;
                switch (type.ValueKind == JsonValueKind.String ? type.GetString() : null)
                {
                    case "CVSS_V3" when Cvss.BaseScoreV3(text) is { } value:
                        return (VulnerabilitySeverities.FromScore(value), value, text);
                    case "CVSS_V4":
                        fallbackVector ??= text;
                        break;
                    case "Ubuntu":
                        fallback = fallback == VulnerabilitySeverity.Unknown ? VulnerabilitySeverities.FromWord(text) : fallback;
                        break;
                }
            }
        }

        if (fallback == VulnerabilitySeverity.Unknown && root.TryGetProperty("database_specific", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("severity", out var word) && word.ValueKind == JsonValueKind.String)
        {
            fallback = VulnerabilitySeverities.FromWord(word.GetString());
        }

        return (fallback, null, fallbackVector);
    }

    private static List<string> Strings(JsonElement element, string name, string field, out string? error)
    {
        error = null;
        if (!element.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            error = $"field '{field}' is not an array of strings";
            return [];
        }

        return list.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
