using System.Formats.Tar;
using System.Text;
using PipelineGuard.Oci;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

public sealed class OfflineImageTests : IClassFixture<RegistryFixture>
{
    private readonly RegistryFixture _registry;

    public OfflineImageTests(RegistryFixture registry)
    {
        _registry = registry;
    }

    private static async Task<ProcessResult> SkopeoAsync(params string[] arguments)
    {
        var skopeo = ProcessRunner.Require("skopeo", "install the Debian package skopeo");
        return await ProcessRunner.RunAsync(skopeo, ["--insecure-policy", .. arguments], timeout: TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Reads_a_layout_by_tag_digest_and_as_the_only_image()
    {
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("layout-read"));
        using var store = OciLayoutStore.Open(image.Directory);
        var byTag = await store.ResolveAsync(string.Empty, "v1");
        Assert.Equal(image.Manifest.Digest, byTag.Digest.ToString());
        Assert.Equal(image.Manifest.Digest, (await store.ResolveAsync(string.Empty, string.Empty)).Digest.ToString());
        Assert.Equal(image.Manifest.Bytes, (await store.GetManifestAsync(string.Empty, image.Manifest.Digest)).Bytes);
        Assert.Equal(["v1"], await store.ListTagsAsync(string.Empty));
        var missing = await Assert.ThrowsAsync<OciException>(() => store.ResolveAsync(string.Empty, "v2"));
        Assert.Contains("tags: v1", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detects_a_corrupted_layout_blob()
    {
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("layout-corrupt"));
        var hex = image.Layers[1].Digest["sha256:".Length..];
        var path = Path.Combine(image.Directory, "blobs", "sha256", hex);
        var bytes = File.ReadAllBytes(path);
        bytes[100] ^= 1;
        File.WriteAllBytes(path, bytes);
        using var store = OciLayoutStore.Open(image.Directory);
        var error = await Assert.ThrowsAsync<OciException>(() => store.GetBlobAsync(string.Empty, Digest.Parse(image.Layers[1].Digest), 1 << 20));
        Assert.Equal(OciErrorKind.DigestMismatch, error.Kind);
        await using var stream = await store.OpenBlobAsync(string.Empty, Digest.Parse(image.Layers[1].Digest), image.Layers[1].Size);
        await Assert.ThrowsAsync<OciException>(() => stream.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task Writes_layouts_that_skopeo_reads_and_stores_signature_style_tags()
    {
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("layout-src"));
        var targetDir = RepositoryPaths.NewTempDirectory("layout-dst");
        using (var source = OciLayoutStore.Open(image.Directory))
        using (var target = OciLayoutStore.OpenOrCreate(targetDir))
        {
            var digest = await ImageCopier.CopyAsync(source, string.Empty, "v1", target, string.Empty, "copied");
            var signatureManifest = Encoding.UTF8.GetBytes(
                $"{{\"schemaVersion\":2,\"mediaType\":\"{OciMediaTypes.ImageManifest}\",\"config\":{{\"mediaType\":\"{OciMediaTypes.ImageConfig}\",\"digest\":\"{image.Config.Digest}\",\"size\":{image.Config.Size}}},\"layers\":[]," +
                $"\"subject\":{{\"mediaType\":\"{OciMediaTypes.ImageManifest}\",\"digest\":\"{digest}\",\"size\":{image.Manifest.Size}}}}}");
            var signatureDigest = await target.PutManifestAsync(string.Empty, digest.ToTagSchema() + ".sig", signatureManifest, OciMediaTypes.ImageManifest);
            Assert.Equal(["copied", digest.ToTagSchema() + ".sig"], await target.ListTagsAsync(string.Empty));
            Assert.Equal(signatureDigest, Assert.Single(await target.ListReferrersAsync(string.Empty, digest)).Digest);
            Assert.Equal(signatureManifest, (await target.GetManifestAsync(string.Empty, digest.ToTagSchema() + ".sig")).Bytes);
        }

        var inspect = await SkopeoAsync("inspect", "--raw", $"oci:{targetDir}:copied");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.Equal(Encoding.UTF8.GetString(image.Manifest.Bytes), inspect.StandardOutput.Trim());
        var copy = await SkopeoAsync("copy", $"oci:{targetDir}:copied", $"oci:{RepositoryPaths.NewTempDirectory("layout-skopeo")}:x");
        Assert.True(copy.ExitCode == 0, copy.ToString());
    }

    [Fact]
    public async Task Skopeo_pulls_what_the_client_pushed_and_the_client_pulls_what_skopeo_pushed()
    {
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("skopeo-src"), "v1", "skopeo");
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        var digest = await TestImages.PushAsync(image, client, "pg/skopeo", "mine");

        var pulledDir = RepositoryPaths.NewTempDirectory("skopeo-pulled");
        var pull = await SkopeoAsync("copy", "--src-tls-verify=false", "--preserve-digests", $"docker://{_registry.Host}/pg/skopeo:mine", $"oci:{pulledDir}:pulled");
        Assert.True(pull.ExitCode == 0, pull.ToString());
        using (var pulled = OciLayoutStore.Open(pulledDir))
        {
            Assert.Equal(digest, (await pulled.ResolveAsync(string.Empty, "pulled")).Digest);
        }

        var push = await SkopeoAsync("copy", "--dest-tls-verify=false", "--preserve-digests", $"oci:{image.Directory}:v1", $"docker://{_registry.Host}/pg/skopeo:theirs");
        Assert.True(push.ExitCode == 0, push.ToString());
        var theirs = await client.GetManifestAsync("pg/skopeo", "theirs");
        Assert.Equal(image.Manifest.Bytes, theirs.Bytes);
        var resolved = await ResolvedImage.ResolveAsync(client, "pg/skopeo", "theirs");
        Assert.Equal(image.Config.Bytes, resolved.Config);
    }

    [Fact]
    public async Task Reads_a_docker_archive_written_by_skopeo()
    {
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("archive-src"), "v1", "archive");
        var archive = Path.Combine(RepositoryPaths.NewTempDirectory("archive"), "image.tar");
        var save = await SkopeoAsync("copy", $"oci:{image.Directory}:v1", $"docker-archive:{archive}:example.com/team/app:1.0");
        Assert.True(save.ExitCode == 0, save.ToString());

        Assert.True(ImageLocation.TryParse($"docker-archive:{archive}", out var location, out var error), error);
        using var store = await location.OpenStoreAsync();
        Assert.Equal(["example.com/team/app:1.0"], await store.ListTagsAsync(string.Empty));
        var resolved = await ResolvedImage.ResolveAsync(store, string.Empty, string.Empty);
        Assert.Equal(image.Config.Bytes, resolved.Config);
        Assert.Equal(2, resolved.Manifest.Layers.Count);
        Assert.Equal(OciMediaTypes.DockerManifest, resolved.ManifestContent.MediaType);
        var byTag = await ResolvedImage.ResolveAsync(store, string.Empty, "example.com/team/app:1.0");
        Assert.Equal(resolved.Digest, byTag.Digest);

        // Each layer reads back as the uncompressed tar whose digest is the config's diff ID.
        foreach (var layer in resolved.Manifest.Layers)
        {
            var bytes = await store.GetBlobAsync(string.Empty, layer.Digest, 1 << 20);
            Assert.Equal(layer.Digest, Digest.Compute(bytes));
        }

        var readOnly = await Assert.ThrowsAsync<OciException>(() => store.PutManifestAsync(string.Empty, "x", "{}"u8.ToArray(), OciMediaTypes.ImageManifest));
        Assert.Equal(OciErrorKind.NotSupported, readOnly.Kind);
    }

    [Fact]
    public async Task Reads_a_docker_archive_in_the_current_docker_save_layout()
    {
        // docker save 25+ writes blobs/sha256/HEX paths and an OCI index beside manifest.json.
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("archive-new-src"), "v1", "new");
        var archive = Path.Combine(RepositoryPaths.NewTempDirectory("archive-new"), "save.tar");
        await using (var file = File.Create(archive))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            void Add(string name, byte[] data) => writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            var manifest = $"[{{\"Config\":\"blobs/sha256/{image.Config.Digest[7..]}\",\"RepoTags\":[\"app:new\"],\"Layers\":[{string.Join(',', image.Layers.Select(l => $"\"blobs/sha256/{l.Digest[7..]}\""))}]}}]";
            Add("manifest.json", Encoding.UTF8.GetBytes(manifest));
            Add("oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
            Add($"blobs/sha256/{image.Config.Digest[7..]}", image.Config.Bytes);
            foreach (var layer in image.Layers)
            {
                Add($"blobs/sha256/{layer.Digest[7..]}", layer.Bytes);
            }
        }

        using var store = await DockerArchiveStore.OpenAsync(archive);
        var resolved = await ResolvedImage.ResolveAsync(store, string.Empty, "app:new");
        Assert.Equal(image.Layers.Select(l => l.Digest), resolved.Manifest.Layers.Select(l => l.Digest.ToString()));
        Assert.Equal(OciMediaTypes.DockerLayerGzip, resolved.Manifest.Layers[0].MediaType);
        Assert.Equal(OciMediaTypes.DockerLayerTar, resolved.Manifest.Layers[1].MediaType);
        Assert.Equal(image.Layers[0].Bytes, await store.GetBlobAsync(string.Empty, resolved.Manifest.Layers[0].Digest, 1 << 20));
    }

    [Fact]
    public async Task A_tar_without_manifest_json_is_a_clear_error()
    {
        var archive = Path.Combine(RepositoryPaths.NewTempDirectory("archive-bad"), "bad.tar");
        File.WriteAllBytes(archive, OciLayoutBuilder.BuildTar([LayerEntry.File("hello.txt", "hi")]));
        var error = await Assert.ThrowsAsync<OciException>(() => DockerArchiveStore.OpenAsync(archive));
        Assert.Contains("manifest.json", error.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<OciException>(() => DockerArchiveStore.OpenAsync(archive + ".missing"));
        Assert.Equal(OciErrorKind.NotFound, missing.Kind);
    }

    [Theory]
    [InlineData("oci:/tmp/img", ImageLocationKind.OciLayout, "/tmp/img", "")]
    [InlineData("oci:/tmp/img:v1", ImageLocationKind.OciLayout, "/tmp/img", "v1")]
    [InlineData("docker-archive:/tmp/a.tar", ImageLocationKind.DockerArchive, "/tmp/a.tar", "")]
    [InlineData("docker-archive:/tmp/a.tar:app:1.0", ImageLocationKind.DockerArchive, "/tmp/a.tar", "app:1.0")]
    [InlineData("alpine:3.20", ImageLocationKind.Registry, "", "3.20")]
    public void Parses_image_locations(string text, ImageLocationKind kind, string path, string reference)
    {
        Assert.True(ImageLocation.TryParse(text, out var location, out var error), error);
        Assert.Equal(kind, location.Kind);
        Assert.Equal(path, location.Path);
        Assert.Equal(reference, location.Reference);
        Assert.Equal(text == "alpine:3.20" ? "docker.io/library/alpine:3.20" : text, location.ToString());
        Assert.False(ImageLocation.TryParse("oci:", out _, out _));
        Assert.False(ImageLocation.TryParse("Not A Ref", out _, out _));
    }
}
