using System.Text.Json;
using PipelineGuard.Sbom;
using PipelineGuard.Testing.Vulnerabilities;
using PipelineGuard.Vulnerabilities;
using PipelineGuard.Vulnerabilities.Osv;
using Xunit;

namespace PipelineGuard.Core.Tests.Vulnerabilities;

public class OsvEcosystemsTests
{
    [Theory]
    [InlineData("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl", "debian:12", "libssl3,openssl", "3.0.11-1~deb12u2")]
    [InlineData("pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04&upstream=openssl", "ubuntu:22.04", "libssl3,openssl", "3.0.2-0ubuntu1.15")]
    [InlineData("pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=alpine-3.20.3&upstream=openssl", "alpine:v3.20", "libcrypto3,openssl", "3.3.2-r0")]
    [InlineData("pkg:rpm/almalinux/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=almalinux-9.4&epoch=1&upstream=openssl-3.0.7-27.el9.src.rpm", "almalinux:9", "openssl-libs,openssl", "1:3.0.7-27.el9")]
    [InlineData("pkg:rpm/rocky/bash@5.1.8-9.el9?arch=x86_64&distro=rocky-9.4", "rocky linux:9", "bash", "5.1.8-9.el9")]
    [InlineData("pkg:rpm/rhel/bash@5.1.8-9.el9?arch=x86_64&distro=rhel-9.4", "red hat:9", "bash", "5.1.8-9.el9")]
    [InlineData("pkg:rpm/sles/bash@4.4-150400.27.3.2?arch=x86_64&distro=sles-15.5", "suse:linux enterprise server 15 sp5", "bash", "4.4-150400.27.3.2")]
    [InlineData("pkg:rpm/opensuse-leap/bash@4.4-150400.27.3.2?arch=x86_64&distro=opensuse-leap-15.5", "opensuse:leap 15.5", "bash", "4.4-150400.27.3.2")]
    [InlineData("pkg:nuget/Newtonsoft.Json@12.0.3", "nuget", "newtonsoft.json", "12.0.3")]
    [InlineData("pkg:golang/golang.org/x/net@v0.17.0", "go", "golang.org/x/net", "v0.17.0")]
    public void Maps_purls_to_the_OSV_ecosystem_and_release(string purl, string key, string names, string version)
    {
        var target = OsvEcosystems.ForPurl(PackageUrl.TryParse(purl)!, out var problem);
        Assert.Null(problem);
        Assert.Equal(key, target!.Value.Key);
        Assert.Equal(names.Split(','), target.Value.Names);
        Assert.Equal(version, target.Value.Version);
    }

    [Theory]
    [InlineData("Debian:12", "debian:12")]
    [InlineData("Ubuntu:22.04:LTS", "ubuntu:22.04")]
    [InlineData("Ubuntu:Pro:18.04:LTS", "ubuntu:18.04")]
    [InlineData("Alpine:v3.20", "alpine:v3.20")]
    [InlineData("Red Hat:enterprise_linux:9::appstream", "red hat:9")]
    [InlineData("Rocky Linux:9", "rocky linux:9")]
    [InlineData("SUSE:Linux Enterprise Server 15 SP5", "suse:linux enterprise server 15 sp5")]
    [InlineData("NuGet", "nuget")]
    public void Keys_OSV_ecosystems_as_the_purls_map_them(string ecosystem, string key) => Assert.Equal(key, OsvEcosystems.Key(ecosystem));

    [Fact]
    public async Task The_SBOM_carries_found_and_VEX_suppressed_vulnerabilities_as_CycloneDX_analysis()
    {
        var directory = Directory.CreateTempSubdirectory("osv-cdx-");
        try
        {
            var osv = OsvRecords.WriteFolder(Path.Combine(directory.FullName, "osv"), VulnerabilityMatcherTests.Records());
            var vex = Path.Combine(directory.FullName, "triage.openvex.json");
            File.WriteAllText(vex, """
                { "@context": "https://openvex.dev/ns/v0.2.0", "statements": [ { "vulnerability": { "name": "CVE-2026-2001" }, "products": [ { "@id": "pkg:apk/alpine/ssl_client" } ], "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path" } ] }
                """);
            var document = VulnerabilityMatcherTests.Document([VulnerabilityMatcherTests.Apk("busybox", "1.36.1-r28"), VulnerabilityMatcherTests.Apk("ssl_client", "1.36.1-r3", origin: "busybox")]);
            var enriched = OsvSbomEnricher.Enrich(document, [osv], [vex]);
            Assert.Empty(enriched.Errors);
            Assert.Equal((1, 1), (enriched.Found, enriched.Suppressed));
            using var stream = new MemoryStream();
            CycloneDxJsonWriter.Write(enriched.Document!, stream);
            using var json = JsonDocument.Parse(stream.ToArray());
            var entries = json.RootElement.GetProperty("vulnerabilities").EnumerateArray().ToList();
            Assert.Equal(2, entries.Count);
            var found = entries.Single(e => !e.TryGetProperty("analysis", out _));
            var suppressed = entries.Single(e => e.TryGetProperty("analysis", out _));
            Assert.Equal("vulnerability:CVE-2026-2001", found.GetProperty("bom-ref").GetString());
            Assert.Equal("vulnerability:CVE-2026-2001:not_affected", suppressed.GetProperty("bom-ref").GetString());
            Assert.Equal("not_affected", suppressed.GetProperty("analysis").GetProperty("state").GetString());
            Assert.Equal("code_not_reachable", suppressed.GetProperty("analysis").GetProperty("justification").GetString());
            Assert.Contains("ssl_client", suppressed.GetProperty("affects")[0].GetProperty("ref").GetString(), StringComparison.Ordinal);

            // CycloneDX's own validator and XSDs accept the found and the suppressed entries side by side.
            await PipelineGuard.Core.Tests.Sbom.SbomAssertions.AllFormatsValidateAsync(enriched.Document! with { SerialNumber = Guid.NewGuid() }, "osv-cdx-validate");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_SBOM_is_not_enriched_when_a_source_cannot_be_read()
    {
        var enriched = OsvSbomEnricher.Enrich(VulnerabilityMatcherTests.Document([]), [Path.Combine(Path.GetTempPath(), "no-such-osv-" + Guid.NewGuid())], []);
        Assert.Null(enriched.Document);
        Assert.Single(enriched.Errors);
    }
}
