using System.IO.Compression;
using System.Text.Json.Nodes;

namespace PipelineGuard.Testing.Vulnerabilities;

/// <summary>
/// Synthetic OSV records shaped as the real exports are: Debian's DSA records (<c>Debian:12</c>, source package
/// names, an ECOSYSTEM range from 0 to the fixed version and the affected versions listed), Alpine's secdb records
/// (CVE ids, <c>Alpine:v3.20</c>, origin names) and GitHub's NuGet advisories (GHSA ids, CVSS v3 vectors and
/// <c>database_specific.severity</c>). The ids are invented.
/// </summary>
public static class OsvRecords
{
    /// <summary>A Debian security advisory for one source package of one release.</summary>
    public static JsonObject DebianAdvisory(string id, string cve, string release, string source, string fixedVersion, params string[] affectedVersions) => new()
    {
        ["id"] = id,
        ["summary"] = $"{source} - security update",
        ["schema_version"] = "1.6.0",
        ["published"] = "2026-06-01T00:00:00Z",
        ["modified"] = "2026-06-02T10:00:00Z",
        ["aliases"] = new JsonArray(cve),
        ["related"] = new JsonArray(),
        ["affected"] = new JsonArray(new JsonObject
        {
            ["package"] = new JsonObject { ["ecosystem"] = $"Debian:{release}", ["name"] = source, ["purl"] = $"pkg:deb/debian/{source}?arch=source" },
            ["ranges"] = new JsonArray(new JsonObject
            {
                ["type"] = "ECOSYSTEM",
                ["events"] = new JsonArray(new JsonObject { ["introduced"] = "0" }, new JsonObject { ["fixed"] = fixedVersion }),
            }),
            ["versions"] = new JsonArray(affectedVersions.Select(v => (JsonNode)v!).ToArray()),
            ["database_specific"] = new JsonObject { ["source"] = $"https://storage.googleapis.com/debian-osv/dsa-osv/{id}.json" },
        }),
        ["references"] = new JsonArray(new JsonObject { ["type"] = "ADVISORY", ["url"] = $"https://www.debian.org/security/2026/{id.ToLowerInvariant()}" }),
    };

    /// <summary>An Alpine secdb record: the CVE as id, one branch, the origin package, fixed at an apk version.</summary>
    public static JsonObject AlpineAdvisory(string cve, string branch, string origin, string fixedVersion) => new()
    {
        ["id"] = cve,
        ["modified"] = "2026-06-02T10:00:00Z",
        ["published"] = "2026-06-01T00:00:00Z",
        ["details"] = $"A flaw in {origin}.",
        ["affected"] = new JsonArray(new JsonObject
        {
            ["package"] = new JsonObject { ["ecosystem"] = $"Alpine:{branch}", ["name"] = origin, ["purl"] = $"pkg:apk/alpine/{origin}?arch=source" },
            ["ranges"] = new JsonArray(new JsonObject
            {
                ["type"] = "ECOSYSTEM",
                ["events"] = new JsonArray(new JsonObject { ["introduced"] = "0" }, new JsonObject { ["fixed"] = fixedVersion }),
            }),
            ["database_specific"] = new JsonObject { ["source"] = $"https://secdb.alpinelinux.org/{branch}/main.json" },
        }),
        ["schema_version"] = "1.6.0",
    };

    /// <summary>A GitHub advisory for a NuGet package: GHSA id, CVE alias, a CVSS v3.1 vector, introduced/fixed.</summary>
    public static JsonObject NuGetAdvisory(string ghsa, string cve, string package, string introduced, string fixedVersion, string vector, string severity) => new()
    {
        ["schema_version"] = "1.4.0",
        ["id"] = ghsa,
        ["modified"] = "2026-06-02T10:00:00Z",
        ["published"] = "2026-06-01T00:00:00Z",
        ["aliases"] = new JsonArray(cve),
        ["summary"] = $"{package} is vulnerable",
        ["severity"] = new JsonArray(new JsonObject { ["type"] = "CVSS_V3", ["score"] = vector }),
        ["affected"] = new JsonArray(new JsonObject
        {
            ["package"] = new JsonObject { ["ecosystem"] = "NuGet", ["name"] = package },
            ["ranges"] = new JsonArray(new JsonObject
            {
                ["type"] = "ECOSYSTEM",
                ["events"] = new JsonArray(new JsonObject { ["introduced"] = introduced }, new JsonObject { ["fixed"] = fixedVersion }),
            }),
        }),
        ["database_specific"] = new JsonObject { ["cwe_ids"] = new JsonArray("CWE-400"), ["github_reviewed"] = true, ["severity"] = severity },
    };

    /// <summary>Writes each record as <c>ID.json</c> into <paramref name="folder"/>.</summary>
    public static string WriteFolder(string folder, IEnumerable<JsonObject> records)
    {
        Directory.CreateDirectory(folder);
        foreach (var record in records)
        {
            File.WriteAllText(Path.Combine(folder, record["id"]!.GetValue<string>() + ".json"), record.ToJsonString());
        }

        return folder;
    }

    /// <summary>Writes the records as OSV's <c>all.zip</c> does: one <c>ID.json</c> entry each.</summary>
    public static string WriteZip(string file, IEnumerable<JsonObject> records)
    {
        using var zip = ZipFile.Open(file, ZipArchiveMode.Create);
        foreach (var record in records)
        {
            var entry = zip.CreateEntry(record["id"]!.GetValue<string>() + ".json", CompressionLevel.Fastest);
            using var stream = entry.Open();
            using var writer = new StreamWriter(stream);
            writer.Write(record.ToJsonString());
        }

        return file;
    }
}
