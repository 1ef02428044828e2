using System.Buffers.Binary;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.Image;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom.Image;

public sealed class RpmCatalogerTests
{
    private const string FedoraOsRelease = "NAME=\"Fedora Linux\"\nVERSION=\"40 (Container Image)\"\nID=fedora\nVERSION_ID=40\nPRETTY_NAME=\"Fedora Linux 40 (Container Image)\"\n";

    [Fact]
    public async Task Catalogues_an_rpm_sqlite_database_with_epochs_licences_and_source_rpms()
    {
        var database = RpmDatabaseBuilder.Database(
            RpmDatabaseBuilder.Header((1000, "bash"), (1001, "5.2.26"), (1002, "3.fc40"), (1022, "x86_64"), (1014, "GPL-3.0-or-later"), (1044, "bash-5.2.26-3.fc40.src.rpm"), (1004, "The GNU Bourne Again shell"), (1011, "Fedora Project")),
            RpmDatabaseBuilder.Header((1000, "openssl-libs"), (1001, "3.2.1"), (1002, "2.fc40"), (1003, 1), (1022, "x86_64"), (1014, "Apache-2.0"), (1044, "openssl-3.2.1-2.fc40.src.rpm")),
            RpmDatabaseBuilder.Header((1000, "gpg-pubkey"), (1001, "a15b79cc"), (1002, "63d04c2c")),
            RpmDatabaseBuilder.Header((1000, "tzdata"), (1001, "2024a"), (1002, "5.fc40"), (1022, "noarch"), (1014, "LicenseRef-Fedora-Public-Domain and BSD")));
        var dir = RepositoryPaths.NewTempDirectory("img-fedora");
        await new TestImageWriter()
            .Layer(LayerCompression.Gzip, LayerEntry.File("etc/os-release", FedoraOsRelease), new LayerEntry(RpmDatabaseBuilder.ImagePath, database))
            .WriteAsync(dir, "40");
        var result = await ImageSbomGenerator.GenerateAsync(new ImageSbomOptions { Image = $"oci:{dir}:40", SourceDateEpoch = 0 });
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var document = result.Document!;
        Assert.Equal(
            [
                "pkg:rpm/fedora/bash@5.2.26-3.fc40?arch=x86_64&distro=fedora-40&upstream=bash-5.2.26-3.fc40.src.rpm",
                "pkg:rpm/fedora/openssl-libs@3.2.1-2.fc40?arch=x86_64&distro=fedora-40&epoch=1&upstream=openssl-3.2.1-2.fc40.src.rpm",
                "pkg:rpm/fedora/tzdata@2024a-5.fc40?arch=noarch&distro=fedora-40",
            ],
            document.Components.Where(c => c.Purl?.Type == "rpm").Select(c => c.Purl!.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(SbomLicense.SpdxId("GPL-3.0-or-later"), document.Components.Single(c => c.Name == "bash").Licenses.Single());
        Assert.Equal(SbomLicense.Named("LicenseRef-Fedora-Public-Domain and BSD"), document.Components.Single(c => c.Name == "tzdata").Licenses.Single());
        Assert.Equal("/usr/lib/sysimage/rpm/rpmdb.sqlite", document.Components.Single(c => c.Name == "bash").Evidence!.Occurrences.Single().Location);
        await ImageSbomGeneratorTests.AssertSchemaValidAsync(document);
    }

    [Fact]
    public void Rejects_malformed_header_blobs()
    {
        Assert.Null(RpmCataloger.ReadHeader([0, 0, 0, 1]));
        var header = RpmDatabaseBuilder.Header((1000, "x"), (1001, "1"));
        Assert.NotNull(RpmCataloger.ReadHeader(header));
        Assert.Null(RpmCataloger.ReadHeader(header.AsSpan(..^2)));
        var lying = (byte[])header.Clone();
        BinaryPrimitives.WriteInt32BigEndian(lying, 1_000_000);
        Assert.Null(RpmCataloger.ReadHeader(lying));
    }
}
