using System.IO.Compression;
using PipelineGuard.Core.Tests.Oci;
using PipelineGuard.Oci;
using PipelineGuard.Sbom.Image;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom.Image;

public sealed class LayerSafetyTests
{
    private static Task<ImageSbomResult> GenerateAsync(string dir, ImageScanLimits? limits = null)
        => ImageSbomGenerator.GenerateAsync(new ImageSbomOptions { Image = $"oci:{dir}", Limits = limits ?? new ImageScanLimits() });

    private static string[] Snapshot(string root) => Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Ignores_entries_that_leave_the_root_and_never_follows_links_outside_it()
    {
        var root = RepositoryPaths.NewTempDirectory("safety-root");
        var dir = Path.Combine(root, "layout");
        var status = TestDistributions.StatusD("real", "1.0");
        var tar = RawTar.Archive(
            RawTar.Entry("../../var/lib/dpkg/status", TestDistributions.StatusD("escaped", "6.6.6")),
            RawTar.Entry("var/lib/../../../var/lib/dpkg/status.d/evil", TestDistributions.StatusD("evil", "6.6.6")),
            RawTar.Entry("/var/lib/dpkg/status.d/real", status),
            RawTar.Entry("etc/os-release", [], '2', "../../../../../etc/os-release"),
            RawTar.Entry("usr/lib/os-release", [], '2', "/../../etc/../../usr/lib/os-release"),
            RawTar.Entry("app/x.deps.json", [], '1', "../../../etc/passwd"));
        await new TestImageWriter().RawLayer(tar, LayerCompression.Gzip).WriteAsync(dir, "hostile");
        var before = Snapshot(root);

        var result = await GenerateAsync(dir);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(["real"], result.Document!.Components.Select(c => c.Name));
        // The escaping os-release links resolve inside the image (to themselves), never to the host's file.
        Assert.Null(result.Catalog!.OperatingSystem);
        Assert.Contains(result.Diagnostics, d => d.Code == "PGIMG001" && d.Message.Contains("2 entries", StringComparison.Ordinal));
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task Stops_a_gzip_bomb_with_a_clear_error()
    {
        var dir = RepositoryPaths.NewTempDirectory("safety-bomb");
        // 96 MiB of zeros in one file compresses to about 100 KiB: far beyond a ratio of 50.
        const long size = 96L * 1024 * 1024;
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(RawTar.Header("var/zeros", '0', size));
            var zeros = new byte[1 << 20];
            for (var i = 0; i < size / zeros.Length; i++)
            {
                gzip.Write(zeros);
            }

            gzip.Write(new byte[1024]);
        }

        await new TestImageWriter().StoredLayer(compressed.ToArray(), OciMediaTypes.LayerTarGzip).WriteAsync(dir, "bomb");
        var result = await GenerateAsync(dir, new ImageScanLimits { MaxCompressionRatio = 50 });
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("PGIMG012", error.Code);
        Assert.Contains("uncompressed bytes", error.Message, StringComparison.Ordinal);

        var small = await GenerateAsync(dir, new ImageScanLimits { MaxLayerUncompressedBytes = 1024 * 1024 });
        Assert.Equal("PGIMG012", Assert.Single(small.Diagnostics).Code);
        Assert.Equal("PGIMG012", Assert.Single((await GenerateAsync(dir)).Diagnostics).Code);
        var generous = await GenerateAsync(dir, new ImageScanLimits { MaxCompressionRatio = 5000 });
        Assert.True(generous.Succeeded, string.Join('\n', generous.Diagnostics));
    }

    [Fact]
    public async Task Truncated_and_corrupt_layers_fail_without_a_document()
    {
        var tar = OciLayoutBuilder.BuildTar([LayerEntry.File("lib/apk/db/installed", TestDistributions.ApkInstalled), LayerEntry.File("big", new string('b', 20000))]);
        var gzip = TestImageWriter.Gzip(tar);

        var cutGzip = RepositoryPaths.NewTempDirectory("safety-cut-gzip");
        await new TestImageWriter().StoredLayer(gzip[..(gzip.Length / 2)], OciMediaTypes.LayerTarGzip).WriteAsync(cutGzip, "t");
        var first = await GenerateAsync(cutGzip);
        Assert.False(first.Succeeded);

        var cutTar = RepositoryPaths.NewTempDirectory("safety-cut-tar");
        await new TestImageWriter().StoredLayer(tar[..(tar.Length - 12000)], OciMediaTypes.LayerTar).WriteAsync(cutTar, "t");
        var second = await GenerateAsync(cutTar);
        Assert.False(second.Succeeded);
        Assert.Contains("truncated", second.Diagnostics.Single().Message, StringComparison.Ordinal);

        var notGzip = RepositoryPaths.NewTempDirectory("safety-not-gzip");
        await new TestImageWriter().StoredLayer(tar, OciMediaTypes.LayerTarGzip).WriteAsync(notGzip, "t");
        Assert.Contains("compression", (await GenerateAsync(notGzip)).Diagnostics.Single().Message, StringComparison.Ordinal);

        // A blob whose bytes no longer match its digest: the layer's packages are never reported.
        var tampered = RepositoryPaths.NewTempDirectory("safety-tampered");
        var digest = Digest.Compute(gzip);
        await new TestImageWriter().StoredLayer(gzip, OciMediaTypes.LayerTarGzip).WriteAsync(tampered, "t");
        var blob = Path.Combine(tampered, "blobs", "sha256", digest.Hex);
        var bytes = File.ReadAllBytes(blob);
        var otherGzip = TestImageWriter.Gzip(OciLayoutBuilder.BuildTar([LayerEntry.File("lib/apk/db/installed", TestDistributions.ApkInstalled.Replace("musl", "must", StringComparison.Ordinal))]));
        File.WriteAllBytes(blob, otherGzip);
        var result = await GenerateAsync(tampered);
        Assert.False(result.Succeeded);
        Assert.Null(result.Document);
        Assert.Contains(digest.ToString(), result.Diagnostics.Single().Message, StringComparison.Ordinal);
        Assert.NotEqual(bytes.Length, otherGzip.Length);
    }

    [Fact]
    public async Task Limits_the_size_of_package_databases_in_memory()
    {
        var dir = RepositoryPaths.NewTempDirectory("safety-db");
        await new TestImageWriter().Layer(LayerCompression.Gzip, LayerEntry.File("var/lib/dpkg/status", new string('#', 300_000))).WriteAsync(dir, "t");
        var result = await GenerateAsync(dir, new ImageScanLimits { MaxCatalogFileBytes = 100_000 });
        Assert.False(result.Succeeded);
        Assert.Contains("/var/lib/dpkg/status", result.Diagnostics.Single().Message, StringComparison.Ordinal);
        Assert.Contains("limit", result.Diagnostics.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_an_unreadable_deps_json_and_an_rpm_database_as_warnings()
    {
        var dir = RepositoryPaths.NewTempDirectory("safety-warn");
        await new TestImageWriter()
            .Layer(LayerCompression.Gzip, LayerEntry.File("app/broken.deps.json", "{ not json"), LayerEntry.File("usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite format 3\0"), LayerEntry.File("var/lib/rpm/Packages", "berkeley"))
            .WriteAsync(dir, "t");
        var result = await GenerateAsync(dir);
        Assert.True(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Code == "PGIMG002" && d.Message.Contains("/app/broken.deps.json", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Code == "PGIMG002" && d.Message.Contains("/usr/lib/sysimage/rpm/rpmdb.sqlite", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Code == "PGIMG003" && d.Message.Contains("BerkeleyDB", StringComparison.Ordinal));
        Assert.Empty(result.Document!.Components);
    }
}
