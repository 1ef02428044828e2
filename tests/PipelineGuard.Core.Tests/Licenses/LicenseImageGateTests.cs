using PipelineGuard.Core.Tests.Sbom.Image;
using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Licenses;

/// <summary><c>licenses.images</c>: the licences an image's package database records (apk here) judged as the .NET SBOM's are.</summary>
public sealed class LicenseImageGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static async Task<string> ProjectWithImageAsync(string name)
    {
        var directory = LicensedProject.Create(name, [("Good.Package", "MIT")]);
        const string installed = "P:busybox\nV:1.36.1-r28\nA:x86_64\nL:GPL-2.0-only\no:busybox\n\nP:libcrypto3\nV:3.3.1-r0\nA:x86_64\nL:Apache-2.0\no:openssl\n\nP:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\no:musl\n\n";
        await new TestImageWriter()
            .Layer(LayerCompression.Gzip, LayerEntry.File("etc/os-release", TestDistributions.AlpineOsRelease), LayerEntry.File("lib/apk/db/installed", installed))
            .WriteAsync(Path.Combine(directory, "alpine-image"), "1");
        return directory;
    }

    private static async Task<GateResult> GateAsync(string directory, string licenses, string extra = "")
    {
        var yaml = $"version: 1\nlint:\n  enabled: false\nsbom:\n  enabled: false\nimages:\n  references: [\"oci:alpine-image:1\"]\nlicenses:\n{licenses}\n{extra}";
        var loaded = PolicyLoader.Parse(yaml, Path.Combine(directory, "pipelineguard.yaml"), directory);
        Assert.True(loaded.Policy is not null, string.Join("; ", loaded.Diagnostics));
        var run = await GateRunner.RunAsync(new GateOptions { Path = directory, Policy = loaded.Policy, Now = Now });
        Assert.True(run.Result is not null, string.Join("; ", run.ConfigurationErrors));
        return run.Result;
    }

    [Fact]
    public async Task A_gpl_package_in_a_produced_image_fails_under_licenses_images_produced_and_is_not_judged_without_it()
    {
        var directory = await ProjectWithImageAsync("LicImage");

        var judged = await GateAsync(directory, "  deny: [copyleft-strong]\n  images: produced");
        Assert.False(judged.Passed);
        var finding = Assert.Single(judged.Findings, f => f.Blocking);
        Assert.Equal("PG5001", finding.RuleId);
        Assert.Equal("busybox@1.36.1-r28", finding.Subject);
        Assert.StartsWith("in image oci:alpine-image:1: GPL-2.0-only is denied", finding.Message, StringComparison.Ordinal);

        var dotnetOnly = await GateAsync(directory, "  deny: [copyleft-strong]");
        Assert.True(dotnetOnly.Passed, string.Join("; ", dotnetOnly.Findings.Select(f => f.Message)));
    }

    [Fact]
    public async Task An_exception_by_package_covers_an_image_package()
    {
        var directory = await ProjectWithImageAsync("LicImageException");
        var result = await GateAsync(directory, "  deny: [copyleft-strong]\n  images: all", "exceptions:\n  - rule: denied-license\n    package: busybox\n    expires: 2027-01-31\n    reason: the build stage's shell, not shipped\n");
        Assert.True(result.Passed, string.Join("; ", result.Findings.Select(f => f.Message)));
    }

    [Fact]
    public async Task An_image_that_cannot_be_read_fails_closed()
    {
        var directory = LicensedProject.Create("LicImageMissing", [("Good.Package", "MIT")]);
        var result = await GateAsync(directory, "  allow: [MIT]\n  images: produced");
        Assert.False(result.Passed);
        Assert.Contains(result.Findings, f => f.Blocking && f.Message.Contains("licences were not checked", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_images_value_is_an_error_naming_the_field()
    {
        var loaded = PolicyLoader.Parse("version: 1\nlicenses:\n  images: some\n", "pipelineguard.yaml", Path.GetTempPath());
        Assert.Null(loaded.Policy);
        Assert.Contains(loaded.Diagnostics, d => d.Field == "licenses.images");
    }
}
