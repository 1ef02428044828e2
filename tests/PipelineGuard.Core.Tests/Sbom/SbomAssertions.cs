using System.Text.Json;
using PipelineGuard.Sbom;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>Writes a document in every format and checks each file with the third-party validators.</summary>
internal static class SbomAssertions
{
    public static async Task AllFormatsValidateAsync(SbomDocument document, string name)
    {
        var directory = RepositoryPaths.NewTempDirectory(name);
        foreach (var (spec, text) in new[] { (CycloneDxSpecVersion.V1_6, "1.6"), (CycloneDxSpecVersion.V1_7, "1.7") })
        {
            var json = Path.Combine(directory, $"bom-{text}.cdx.json");
            await SbomWriter.WriteFileIfChangedAsync(document, json, SbomFormat.CycloneDxJson, spec);
            var jsonResult = await SbomValidators.CycloneDxJsonAsync(json, text);
            Assert.True(jsonResult.ExitCode == 0, $"{json}: {jsonResult}");

            var xml = Path.Combine(directory, $"bom-{text}.cdx.xml");
            await SbomWriter.WriteFileIfChangedAsync(document, xml, SbomFormat.CycloneDxXml, spec);
            var xmlResult = await SbomValidators.CycloneDxXmlAsync(xml, text);
            Assert.True(xmlResult.ExitCode == 0, $"{xml}: {xmlResult}");
        }

        var spdx = Path.Combine(directory, "bom.spdx.json");
        await SbomWriter.WriteFileIfChangedAsync(document, spdx, SbomFormat.SpdxJson);
        var spdxResult = await SbomValidators.SpdxJsonAsync(spdx);
        Assert.True(spdxResult.ExitCode == 0, $"{spdx}: {spdxResult}");
        AssertSpdxStructure(spdx);
    }

    /// <summary>
    /// SPDX 2.3 checks the official schema leaves out: SPDXID syntax, unique ids, relationships that resolve, and
    /// declared licences that are valid expressions.
    /// </summary>
    public static void AssertSpdxStructure(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        Assert.Equal("SPDX-2.3", root.GetProperty("spdxVersion").GetString());
        Assert.Equal("CC0-1.0", root.GetProperty("dataLicense").GetString());
        Assert.Equal("SPDXRef-DOCUMENT", root.GetProperty("SPDXID").GetString());
        Assert.True(Uri.TryCreate(root.GetProperty("documentNamespace").GetString(), UriKind.Absolute, out _));
        Assert.NotEmpty(root.GetProperty("creationInfo").GetProperty("creators").EnumerateArray());
        Assert.EndsWith("Z", root.GetProperty("creationInfo").GetProperty("created").GetString());
        var ids = new HashSet<string> { "SPDXRef-DOCUMENT" };
        foreach (var package in root.GetProperty("packages").EnumerateArray())
        {
            var id = package.GetProperty("SPDXID").GetString()!;
            Assert.Matches("^SPDXRef-[A-Za-z0-9.-]+$", id);
            Assert.True(ids.Add(id), $"duplicate {id}");
            Assert.False(string.IsNullOrEmpty(package.GetProperty("name").GetString()));
            Assert.Equal("NOASSERTION", package.GetProperty("downloadLocation").GetString());
            var declared = package.GetProperty("licenseDeclared").GetString()!;
            Assert.True(declared == "NOASSERTION" || SpdxExpression.IsValid(declared), declared);
            foreach (var checksum in package.TryGetProperty("checksums", out var sums) ? sums.EnumerateArray() : default)
            {
                Assert.Matches("^[0-9a-f]+$", checksum.GetProperty("checksumValue").GetString()!);
            }
        }

        foreach (var relationship in root.GetProperty("relationships").EnumerateArray())
        {
            Assert.Contains(relationship.GetProperty("spdxElementId").GetString()!, ids);
            Assert.Contains(relationship.GetProperty("relatedSpdxElement").GetString()!, ids);
        }
    }
}
