using System.Text.Json;
using PipelineGuard.Gate;
using PipelineGuard.Licenses;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Licenses;

public sealed class LicensePolicyLoaderTests
{
    private static PolicyLoadResult Parse(string text) => PolicyLoader.Parse(text, "pipelineguard.yaml", "/repo");

    [Fact]
    public void The_licenses_section_and_a_package_exception_load()
    {
        var loaded = Parse("""
            version: 1
            licenses:
              allow: [MIT, Apache-2.0, "GPL-2.0-only WITH Classpath-exception-2.0", GPL-2.0+, LicenseRef-Corp]
              deny: [copyleft-strong, AGPL-3.0-only]
              unknown: error
            exceptions:
              - rule: PG5001
                package: "Some.*"
                expires: 2027-01-31
                reason: approved
            """);
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        var licenses = loaded.Policy!.Licenses;
        Assert.True(licenses.Enabled);
        Assert.Equal(["MIT", "Apache-2.0", "GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0+", "LicenseRef-Corp"], licenses.Allow);
        Assert.Equal(["copyleft-strong", "AGPL-3.0-only"], licenses.Deny);
        Assert.Equal(Severity.Error, licenses.Unknown);
        Assert.Equal("Some.*", Assert.Single(loaded.Policy.Exceptions).Package);

        var defaults = Parse("version: 1\nlicenses:\n  deny: GPL-3.0-only\n").Policy!.Licenses;
        Assert.Equal(Severity.Warning, defaults.Unknown);
        Assert.Equal(["GPL-3.0-only"], defaults.Deny);
        Assert.False(Parse("version: 1\n").Policy!.Licenses.Enabled);
    }

    [Theory]
    [InlineData("licenses:\n  unknown: fatal\n", 2, "licenses.unknown", "'fatal' is not one of error, warning, off")]
    [InlineData("licenses:\n  alow: [MIT]\n", 2, "licenses.alow", "did you mean 'allow'?")]
    [InlineData("licenses:\n  allow:\n    - MIT\n    - MIT OR ISC\n", 4, "licenses.allow[1]", "list the licences one by one")]
    [InlineData("licenses:\n  allow: [copyleft-strong]\n", 2, "licenses.allow[0]", "'copyleft-strong' is not an SPDX licence id")]
    [InlineData("licenses:\n  deny: [Not-A-Licence]\n", 2, "licenses.deny[0]", "or a family (copyleft, copyleft-network, copyleft-strong, copyleft-weak)")]
    [InlineData("licenses:\n  deny: [GPL-3.0-only WITH Nope]\n", 2, "licenses.deny[0]", "is not an SPDX licence id")]
    [InlineData("licenses:\n", 1, "licenses", "must be a mapping")]
    public void Bad_licence_settings_are_errors_naming_the_file_line_and_field(string section, int line, string field, string message)
    {
        var loaded = Parse("version: 1\n" + section);
        Assert.False(loaded.Success);
        var error = Assert.Single(loaded.Diagnostics);
        Assert.Equal("pipelineguard.yaml", error.File);
        Assert.Equal(line + 1, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_names_the_same_families_as_the_loader()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "pipelineguard.schema.json")));
        var families = schema.RootElement.GetProperty("$defs").GetProperty("licenseOrFamily").GetProperty("anyOf")[1].GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);
        Assert.Equal(LicenseFamilies.Names.Order(StringComparer.Ordinal), families.Order(StringComparer.Ordinal));
    }
}
