using Xunit;
using System.Text;
using System.Text.Json;
using PipelineGuard.Sbom;
using PipelineGuard.Testing;

namespace PipelineGuard.Core.Tests.Sbom;

public class CycloneDxJsonWriterTests
{
    [Theory]
    [InlineData(CycloneDxSpecVersion.V1_6, "1.6")]
    [InlineData(CycloneDxSpecVersion.V1_7, "1.7")]
    public async Task Rich_document_validates_with_the_CycloneDX_library(CycloneDxSpecVersion version, string versionText)
    {
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("cdxjson"), "bom.cdx.json");
        using (var file = File.Create(path))
        {
            CycloneDxJsonWriter.Write(SbomTestDocuments.Rich(), file, version);
        }

        var result = await NodeInterop.RunAsync("validate-cyclonedx.mjs", path, versionText);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal(versionText, json.RootElement.GetProperty("specVersion").GetString());
    }

    [Fact]
    public void Expression_is_written_whole_and_ids_and_names_as_license_objects()
    {
        using var json = JsonDocument.Parse(Write(SbomTestDocuments.Rich()));
        var components = json.RootElement.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("MIT OR Apache-2.0", components["Dual"].GetProperty("licenses")[0].GetProperty("expression").GetString());
        Assert.Equal("Apache-2.0", components["Serilog"].GetProperty("licenses")[0].GetProperty("license").GetProperty("id").GetString());
        var named = components["openssl"].GetProperty("licenses")[0].GetProperty("license");
        Assert.Equal("See LICENSE.txt in the package", named.GetProperty("name").GetString());
        Assert.Equal("https://example.com/license", named.GetProperty("url").GetString());
    }

    [Fact]
    public void Output_is_sorted_so_input_order_does_not_matter()
    {
        var document = SbomTestDocuments.Rich();
        var reversed = document with
        {
            Components = document.Components.Reverse().ToList(),
            Dependencies = document.Dependencies.Reverse().Select(d => d with { DependsOn = d.DependsOn.Reverse().ToList() }).ToList(),
        };
        Assert.Equal(Write(document), Write(reversed));
        using var json = JsonDocument.Parse(Write(document));
        var refs = json.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("bom-ref").GetString()!).ToList();
        Assert.Equal(refs.Order(StringComparer.Ordinal), refs);
    }

    [Fact]
    public void Content_serial_number_is_a_stable_uuid_v5_that_changes_with_content()
    {
        var document = SbomTestDocuments.Rich();
        var first = SbomSerialNumber.FromContent(document);
        Assert.Equal(first, SbomSerialNumber.FromContent(document with { SerialNumber = Guid.NewGuid() }));
        Assert.Equal('5', first.ToString("D")[14]);
        var later = document with { Metadata = document.Metadata with { Timestamp = document.Metadata.Timestamp.AddSeconds(1) } };
        Assert.NotEqual(first, SbomSerialNumber.FromContent(later));
    }

    [Fact]
    public void Uuid_v5_matches_the_RFC_9562_example()
    {
        // RFC 9562 appendix A.4: name "www.example.com" in the DNS namespace.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), SbomSerialNumber.V5(dns, "www.example.com"));
    }

    private static string Write(SbomDocument document)
    {
        using var stream = new MemoryStream();
        CycloneDxJsonWriter.Write(document, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
