using PipelineGuard.Sbom;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>Hand-built documents that use every part of the model, for the writer tests.</summary>
internal static class SbomTestDocuments
{
    public static SbomDocument Rich()
    {
        var app = new SbomComponent
        {
            BomRef = "pkg:nuget/My.App@1.2.3",
            Type = SbomComponentType.Application,
            Name = "My.App",
            Version = "1.2.3",
            Purl = PackageUrl.NuGet("My.App", "1.2.3"),
            Authors = ["Jane Doe"],
            ExternalReferences = [new(SbomExternalReferenceType.Vcs, "https://example.com/my/app.git", "commit 0123456789abcdef")],
        };
        var serilog = new SbomComponent
        {
            BomRef = "pkg:nuget/Serilog@4.0.0",
            Name = "Serilog",
            Version = "4.0.0",
            Purl = PackageUrl.NuGet("Serilog", "4.0.0"),
            Scope = SbomScope.Required,
            Hashes = [new(SbomHashAlgorithm.Sha512, new string('a', 128))],
            Licenses = [SbomLicense.SpdxId("Apache-2.0")],
            Supplier = new SbomOrganization("Serilog Contributors"),
            Authors = ["Serilog Contributors"],
            Description = "Simple .NET logging with \"fully-structured\" events <&>.",
            Copyright = "Copyright © Serilog Contributors",
            ExternalReferences = [new(SbomExternalReferenceType.Website, "https://serilog.net/")],
            Properties = [new("pipelineguard:framework", "net8.0"), new("pipelineguard:nuget:contentHash", "abc==")],
            Evidence = new SbomEvidence(
                [new SbomIdentityEvidence("purl", "manifest-analysis", 1, "obj/project.assets.json")],
                [new SbomOccurrence("serilog/4.0.0/serilog.nuspec")]),
        };
        var dual = new SbomComponent
        {
            BomRef = "pkg:nuget/Dual@1.0.0-beta.1",
            Name = "Dual",
            Version = "1.0.0-beta.1",
            Purl = PackageUrl.NuGet("Dual", "1.0.0-beta.1"),
            Scope = SbomScope.Excluded,
            Licenses = [SbomLicense.Expression("MIT OR Apache-2.0")],
        };
        var named = new SbomComponent
        {
            BomRef = "pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12",
            Name = "openssl",
            Version = "3.0.11-1",
            Purl = new PackageUrl("deb", "debian", "openssl", "3.0.11-1", [new("arch", "amd64"), new("distro", "debian-12")]),
            Licenses = [SbomLicense.Named("See LICENSE.txt in the package", "https://example.com/license")],
        };
        return new SbomDocument
        {
            SerialNumber = new Guid("3e671687-395b-41f5-a30f-a58921a69b79"),
            Metadata = new SbomMetadata
            {
                Timestamp = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero),
                Tools = [new SbomTool("pipelineguard", "0.1.0", "PipelineGuard")],
                Component = app,
                Properties = [new("pipelineguard:frameworks", "net8.0")],
            },
            Components = [serilog, dual, named],
            Dependencies =
            [
                new(app.BomRef, [serilog.BomRef, dual.BomRef]),
                new(serilog.BomRef, []),
                new(dual.BomRef, [serilog.BomRef]),
                new(named.BomRef, []),
            ],
            Vulnerabilities =
            [
                new SbomVulnerability("GHSA-1234-5678-9abc", "test feed", "https://example.com/advisories/GHSA-1234-5678-9abc", [new SbomVulnerabilityRating("high")], [serilog.BomRef]),
            ],
        };
    }
}
