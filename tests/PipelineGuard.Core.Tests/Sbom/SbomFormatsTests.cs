using PipelineGuard.Gate;
using PipelineGuard.Sbom;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>The one table of SBOM formats: every enum value has a row, the names round-trip, the policy accepts exactly them.</summary>
public sealed class SbomFormatsTests
{
    [Fact]
    public void Every_format_enum_value_has_exactly_one_row()
    {
        Assert.Equal(Enum.GetValues<SbomFormat>().Order(), SbomFormats.All.Select(f => f.Format).Order());
        Assert.Equal(SbomFormats.All.Count, SbomFormats.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(SbomFormats.All.Count, SbomFormats.All.Select(f => f.Extension).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("cyclonedx-json", SbomFormat.CycloneDxJson, ".cdx.json")]
    [InlineData("CycloneDX-XML", SbomFormat.CycloneDxXml, ".cdx.xml")]
    [InlineData("spdx-json", SbomFormat.SpdxJson, ".spdx.json")]
    public void Names_find_their_format_and_writer_suffix(string name, SbomFormat format, string extension)
    {
        Assert.True(SbomFormats.TryParse(name, out var entry));
        Assert.Equal(format, entry.Format);
        Assert.Equal(extension, SbomWriter.Extension(format));
    }

    [Theory]
    [InlineData("spdx")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_are_refused(string? name) => Assert.False(SbomFormats.TryParse(name, out _));

    [Fact]
    public void The_policy_accepts_every_format_of_the_table_and_refuses_others()
    {
        foreach (var name in SbomFormats.Names)
        {
            var loaded = PolicyLoader.Parse($"version: 1\nsbom:\n  format: {name}\n", "pipelineguard.yaml", ".");
            Assert.True(loaded.Policy is not null, string.Join('\n', loaded.Diagnostics));
            Assert.Equal(name, loaded.Policy.Sbom.Format);
        }

        var refused = PolicyLoader.Parse("version: 1\nsbom:\n  format: spdx-tag-value\n", "pipelineguard.yaml", ".");
        Assert.Null(refused.Policy);
    }

    [Fact]
    public void Spec_versions_come_from_the_table()
    {
        Assert.True(SbomFormats.TryParseSpecVersion("1.7", out var v17));
        Assert.Equal(CycloneDxSpecVersion.V1_7, v17);
        Assert.False(SbomFormats.TryParseSpecVersion("1.5", out _));
    }
}
