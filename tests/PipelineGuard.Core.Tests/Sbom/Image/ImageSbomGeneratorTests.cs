using System.Text;
using System.Text.Json;
using PipelineGuard.Oci;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.Image;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom.Image;

public sealed class ImageSbomGeneratorTests
{
    private static async Task<ImageSbomResult> GenerateAsync(string image, ImageScanLimits? limits = null)
    {
        var result = await ImageSbomGenerator.GenerateAsync(new ImageSbomOptions { Image = image, SourceDateEpoch = 1_767_225_600, Limits = limits ?? new ImageScanLimits() });
        return result;
    }

    private static SbomDocument Succeeded(ImageSbomResult result)
    {
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Document!;
    }

    private static List<string> Purls(SbomDocument document, string type)
        => document.Components.Where(c => c.Purl?.Type == type).Select(c => c.Purl!.ToString()).Order(StringComparer.Ordinal).ToList();

    internal static async Task AssertSchemaValidAsync(SbomDocument document)
    {
        foreach (var (spec, version) in new[] { (CycloneDxSpecVersion.V1_6, "1.6"), (CycloneDxSpecVersion.V1_7, "1.7") })
        {
            var file = Path.Combine(RepositoryPaths.NewTempDirectory("image-sbom"), "image.cdx.json");
            await using (var stream = File.Create(file))
            {
                SbomWriter.Write(document, stream, SbomFormat.CycloneDxJson, spec);
            }

            var validation = await NodeInterop.RunAsync("validate-cyclonedx.mjs", file, version);
            Assert.True(validation.ExitCode == 0, validation.ToString());
        }
    }

    [Fact]
    public async Task Debian_like_image_lists_every_installed_dpkg_package_with_distro_qualifiers()
    {
        var dir = RepositoryPaths.NewTempDirectory("img-debian");
        var (status, expected) = TestDistributions.DpkgStatus(120);
        var digest = await new TestImageWriter()
            .Layer(LayerCompression.Gzip, TestDistributions.DebianBase(status))
            .Layer(LayerCompression.None, LayerEntry.File("app/Sample.Api.deps.json", TestDistributions.DepsJson), LayerEntry.File("app/Sample.Api.dll", "MZ"))
            .Layer(LayerCompression.Zstd, LayerEntry.File("srv/readme.txt", "zstd layer"))
            .WriteAsync(dir, "bookworm");

        var document = Succeeded(await GenerateAsync($"oci:{dir}:bookworm"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), Purls(document, "deb"));
        Assert.Equal(TestDistributions.DepsPurls, Purls(document, "nuget"));
        Assert.DoesNotContain(document.Components, c => c.Name is "removed-pkg" or "no-version");

        var image = document.Metadata.Component!;
        Assert.Equal(SbomComponentType.Container, image.Type);
        Assert.Equal(digest.ToString(), image.Version);
        Assert.Equal($"pkg:oci/bookworm@{digest}?tag=bookworm", image.Purl!.ToString());

        var os = Assert.Single(document.Components, c => c.Type == SbomComponentType.OperatingSystem);
        Assert.Equal(("debian", "12"), (os.Name, os.Version));
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", os.Description);

        var manifest = OciManifest.Parse(await File.ReadAllBytesAsync(Path.Combine(dir, "blobs", "sha256", digest.Hex)), null, "test");
        var pkg = document.Components.Single(c => c.Name == "pkg003");
        Assert.Equal(manifest.Layers[0].Digest.ToString(), pkg.Properties.Single(p => p.Name == ImageSbomGenerator.LayerProperty).Value);
        Assert.Equal("/var/lib/dpkg/status", pkg.Evidence!.Occurrences.Single().Location);
        Assert.Equal($"layer {manifest.Layers[0].Digest}", pkg.Evidence.Occurrences.Single().AdditionalContext);
        var nuget = document.Components.Single(c => c.Name == "Newtonsoft.Json");
        Assert.Equal("/app/Sample.Api.deps.json", nuget.Evidence!.Occurrences.Single().Location);
        Assert.Equal(manifest.Layers[1].Digest.ToString(), nuget.Properties.Single(p => p.Name == ImageSbomGenerator.LayerProperty).Value);
        Assert.Equal(SbomHashAlgorithm.Sha512, nuget.Hashes.Single().Algorithm);
        Assert.Equal(128, nuget.Hashes.Single().Value.Length);

        await AssertSchemaValidAsync(document);
    }

    [Fact]
    public async Task Alpine_like_image_takes_licences_from_the_apk_database()
    {
        var dir = RepositoryPaths.NewTempDirectory("img-alpine");
        await new TestImageWriter()
            .Layer(LayerCompression.Gzip, LayerEntry.File("etc/os-release", TestDistributions.AlpineOsRelease), LayerEntry.File("lib/apk/db/installed", TestDistributions.ApkInstalled))
            .WriteAsync(dir, "3.20");
        var document = Succeeded(await GenerateAsync($"oci:{dir}"));
        Assert.Equal(TestDistributions.ApkPurls, Purls(document, "apk"));
        Assert.Equal(SbomLicense.SpdxId("MIT"), document.Components.Single(c => c.Name == "musl").Licenses.Single());
        Assert.Equal(SbomLicense.SpdxId("GPL-2.0-only"), document.Components.Single(c => c.Name == "busybox").Licenses.Single());
        Assert.Equal(SbomLicense.Expression("MPL-2.0 AND MIT"), document.Components.Single(c => c.Name == "ca-certificates-bundle").Licenses.Single());
        Assert.Equal(SbomLicense.Named("GPL-2.0 license-ref-odd"), document.Components.Single(c => c.Name == "scanelf").Licenses.Single());
        Assert.Equal("Natanael Copa <ncopa@alpinelinux.org>", document.Components.Single(c => c.Name == "musl").Publisher);
        await AssertSchemaValidAsync(document);
    }

    [Fact]
    public async Task Distroless_status_d_entries_and_a_later_whiteout_that_deletes_one()
    {
        var dir = RepositoryPaths.NewTempDirectory("img-distroless");
        await new TestImageWriter()
            .Layer(
                LayerCompression.Gzip,
                LayerEntry.File("etc/os-release", TestDistributions.DebianOsRelease),
                LayerEntry.Directory("var/lib/dpkg/status.d"),
                LayerEntry.File("var/lib/dpkg/status.d/base-files", TestDistributions.StatusD("base-files", "12.4+deb12u5")),
                LayerEntry.File("var/lib/dpkg/status.d/libc6", TestDistributions.StatusD("libc6", "2.36-9+deb12u7", source: "glibc")),
                LayerEntry.File("var/lib/dpkg/status.d/libc6.md5sums", "d41d8cd98f00b204e9800998ecf8427e  lib/x\n"),
                LayerEntry.File("var/lib/dpkg/status.d/libssl3", TestDistributions.StatusD("libssl3", "3.0.14-1~deb12u2", source: "openssl")),
                LayerEntry.File("var/lib/dpkg/status.d/tzdata", TestDistributions.StatusD("tzdata", "2024a-0+deb12u1", "all")))
            .Layer(LayerCompression.Gzip, LayerEntry.Whiteout("var/lib/dpkg/status.d/libssl3"), LayerEntry.File("app/run", "#!/bin/sh"))
            .WriteAsync(dir, "distroless");
        var document = Succeeded(await GenerateAsync($"oci:{dir}:distroless"));
        Assert.Equal(
            [
                "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12",
                "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12&upstream=glibc",
                "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12",
            ],
            Purls(document, "deb"));
        Assert.Equal("/var/lib/dpkg/status.d/libc6", document.Components.Single(c => c.Name == "libc6").Evidence!.Occurrences.Single().Location);
        await AssertSchemaValidAsync(document);
    }

    [Fact]
    public async Task Whiteouts_remove_applications_and_opaque_directories_hide_lower_layers()
    {
        var dir = RepositoryPaths.NewTempDirectory("img-whiteout");
        var (status, expected) = TestDistributions.DpkgStatus(3);
        await new TestImageWriter()
            .Layer(LayerCompression.Gzip, TestDistributions.DebianBase(status))
            .Layer(LayerCompression.Gzip, LayerEntry.File("app/old/Old.deps.json", TestDistributions.DepsJson), LayerEntry.File("opt/x/A.deps.json", TestDistributions.DepsJson.Replace("Serilog/3.1.1", "Serilog/2.0.0", StringComparison.Ordinal)))
            .Layer(
                LayerCompression.None,
                LayerEntry.Whiteout("app/old"),
                LayerEntry.OpaqueDirectory("opt/x"),
                LayerEntry.File("opt/x/B.deps.json", "{\"libraries\":{\"Polly/8.4.0\":{\"type\":\"package\"}}}"))
            .WriteAsync(dir, "w");
        var document = Succeeded(await GenerateAsync($"oci:{dir}:w"));
        Assert.Equal(["pkg:nuget/Polly@8.4.0"], Purls(document, "nuget"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), Purls(document, "deb"));
    }

    [Fact]
    public async Task Reads_the_same_packages_from_a_docker_archive_and_from_a_registry()
    {
        var dir = RepositoryPaths.NewTempDirectory("img-sources");
        var (status, expected) = TestDistributions.DpkgStatus(10);
        await new TestImageWriter()
            .Layer(LayerCompression.Gzip, TestDistributions.DebianBase(status))
            .Layer(LayerCompression.Gzip, LayerEntry.File("app/Sample.Api.deps.json", TestDistributions.DepsJson))
            .WriteAsync(dir, "v1");
        var archive = Path.Combine(RepositoryPaths.NewTempDirectory("img-archive"), "image.tar");
        var skopeo = ProcessRunner.Require("skopeo", "install the Debian package skopeo");
        var save = await ProcessRunner.RunAsync(skopeo, ["--insecure-policy", "copy", $"oci:{dir}:v1", $"docker-archive:{archive}:example.com/app:v1"]);
        Assert.True(save.ExitCode == 0, save.ToString());

        var fromArchive = Succeeded(await GenerateAsync($"docker-archive:{archive}"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), Purls(fromArchive, "deb"));
        Assert.Equal(TestDistributions.DepsPurls, Purls(fromArchive, "nuget"));

        var registry = new RegistryFixture();
        await registry.InitializeAsync();
        try
        {
            using (var client = new RegistryClient(registry.Host, new RegistryClientOptions { AllowHttp = true, Credentials = new CredentialChain() }))
            using (var layout = OciLayoutStore.Open(dir))
            {
                await ImageCopier.CopyAsync(layout, string.Empty, "v1", client, "team/app", "v1");
            }

            var result = await ImageSbomGenerator.GenerateAsync(new ImageSbomOptions
            {
                Image = $"{registry.Host}/team/app:v1",
                Registry = new RegistryClientOptions { AllowHttp = true, Credentials = new CredentialChain() },
            });
            var fromRegistry = Succeeded(result);
            Assert.Equal(expected.Order(StringComparer.Ordinal), Purls(fromRegistry, "deb"));
            Assert.Equal($"{registry.Host}/team/app", fromRegistry.Metadata.Component!.Name);
            Assert.StartsWith($"pkg:oci/app@sha256:", fromRegistry.Metadata.Component.Purl!.ToString(), StringComparison.Ordinal);
            await AssertSchemaValidAsync(fromRegistry);

            var refused = await ImageSbomGenerator.GenerateAsync(new ImageSbomOptions { Image = $"{registry.Host}/team/app:v1", Registry = new RegistryClientOptions { MaxRetries = 0, Credentials = new CredentialChain() } });
            Assert.False(refused.Succeeded);
            Assert.Contains("--allow-http-registry", refused.Diagnostics.Single().Message, StringComparison.Ordinal);
        }
        finally
        {
            await registry.DisposeAsync();
        }
    }

    [Fact]
    public async Task Is_reproducible_with_source_date_epoch()
    {
        var dir = RepositoryPaths.NewTempDirectory("img-repro");
        await new TestImageWriter().Layer(LayerCompression.Gzip, LayerEntry.File("lib/apk/db/installed", TestDistributions.ApkInstalled)).WriteAsync(dir, "r");
        string Json(SbomDocument d)
        {
            using var stream = new MemoryStream();
            SbomWriter.Write(d, stream, SbomFormat.CycloneDxJson);
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        var first = Json(Succeeded(await GenerateAsync($"oci:{dir}:r")));
        var second = Json(Succeeded(await GenerateAsync($"oci:{dir}:r")));
        Assert.Equal(first, second);
        using var parsed = JsonDocument.Parse(first);
        Assert.Equal("2026-01-01T00:00:00Z", parsed.RootElement.GetProperty("metadata").GetProperty("timestamp").GetString());
        // Without os-release the apk namespace defaults to alpine and there is no distro qualifier.
        Assert.Contains("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_image_names_and_missing_images_are_errors_without_a_document()
    {
        var invalid = await GenerateAsync("Not/A:Valid:Ref");
        Assert.False(invalid.Succeeded);
        Assert.True(invalid.IsUsageError);

        var missing = await GenerateAsync($"oci:{Path.Combine(RepositoryPaths.Scratch, "no-such-layout")}");
        Assert.False(missing.Succeeded);
        Assert.Contains("not an OCI image layout", missing.Diagnostics.Single().Message, StringComparison.Ordinal);
    }

    private sealed class RecordedProgress : IProgress<ImageScanProgress>
    {
        public List<ImageScanProgress> Reports { get; } = [];

        public void Report(ImageScanProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task Progress_is_reported_per_layer_from_zero_to_its_size()
    {
        var noise = new byte[1024 * 1024];
        new Random(11).NextBytes(noise);
        var image = new OciLayoutBuilder()
            .AddLayer(LayerEntry.File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
            .AddLayer(new LayerEntry("opt/data.bin", noise))
            .Write(RepositoryPaths.NewTempDirectory("progress-layers"), "v1");
        var progress = new RecordedProgress();
        Succeeded(await ImageSbomGenerator.GenerateAsync(new ImageSbomOptions { Image = image.Reference, Progress = progress }));

        Assert.All(progress.Reports, r => Assert.Equal(2, r.LayerCount));
        for (var i = 0; i < 2; i++)
        {
            var layer = progress.Reports.Where(r => r.LayerIndex == i).ToList();
            Assert.Equal(image.Layers[i].Digest, layer[0].LayerDigest);
            Assert.Equal(0, layer[0].BytesRead);
            Assert.Equal(image.Layers[i].Size, layer[^1].BytesRead);
            Assert.True(layer[^1].IsLayerDone);
            Assert.Equal(layer.Select(r => r.BytesRead).Order(), layer.Select(r => r.BytesRead));
        }

        Assert.True(progress.Reports.Count(r => r.LayerIndex == 1) >= 4, "a 1 MiB layer is reported in 256 KiB steps");
        Assert.Equal(progress.Reports.Select(r => r.LayerIndex).Order(), progress.Reports.Select(r => r.LayerIndex));
    }
}
