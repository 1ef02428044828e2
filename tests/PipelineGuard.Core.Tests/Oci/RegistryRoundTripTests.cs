using System.Text;
using PipelineGuard.Oci;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

public sealed class RegistryRoundTripTests : IClassFixture<RegistryFixture>
{
    private readonly RegistryFixture _registry;

    public RegistryRoundTripTests(RegistryFixture registry)
    {
        _registry = registry;
    }

    [Fact]
    public async Task Pushes_a_layout_and_pulls_it_back_by_tag_and_by_digest()
    {
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-push"));
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        await client.PingAsync();

        var digest = await TestImages.PushAsync(image, client, "pg/roundtrip", "v1");
        Assert.Equal(image.Manifest.Digest, digest.ToString());

        var byTag = await client.GetManifestAsync("pg/roundtrip", "v1");
        Assert.Equal(image.Manifest.Bytes, byTag.Bytes);
        Assert.Equal(OciMediaTypes.ImageManifest, byTag.MediaType);
        var byDigest = await client.GetManifestAsync("pg/roundtrip", digest.ToString());
        Assert.Equal(image.Manifest.Bytes, byDigest.Bytes);

        var head = await client.ResolveAsync("pg/roundtrip", "v1");
        Assert.Equal(digest, head.Digest);
        Assert.Equal(image.Manifest.Size, head.Size);
        Assert.Equal(OciMediaTypes.ImageManifest, head.MediaType);

        foreach (var layer in image.Layers)
        {
            var bytes = await client.GetBlobAsync("pg/roundtrip", Digest.Parse(layer.Digest), 1 << 20);
            Assert.Equal(layer.Bytes, bytes);
            Assert.True(await client.BlobExistsAsync("pg/roundtrip", Digest.Parse(layer.Digest)));
        }

        var resolved = await ResolvedImage.ResolveAsync(client, "pg/roundtrip", "v1");
        Assert.Equal(image.Config.Bytes, resolved.Config);
        Assert.Equal(2, resolved.Manifest.Layers.Count);
    }

    [Fact]
    public async Task Lists_tags_and_reports_missing_manifests_and_blobs_as_not_found()
    {
        var dir = RepositoryPaths.NewTempDirectory("oci-tags");
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        await TestImages.PushAsync(TestImages.Simple(dir, "a", "a"), client, "pg/tags", "a");
        await TestImages.PushAsync(TestImages.Simple(dir, "b", "b"), client, "pg/tags", "b");
        await TestImages.PushAsync(TestImages.Simple(dir, "a", "a"), client, "pg/tags", "c");

        var tags = await client.ListTagsAsync("pg/tags");
        Assert.Equal(["a", "b", "c"], tags.Order(StringComparer.Ordinal));

        var missing = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync("pg/tags", "nope"));
        Assert.Equal(OciErrorKind.NotFound, missing.Kind);
        var missingHead = await Assert.ThrowsAsync<OciException>(() => client.ResolveAsync("pg/tags", "nope"));
        Assert.Equal(OciErrorKind.NotFound, missingHead.Kind);
        Assert.False(await client.BlobExistsAsync("pg/tags", Digest.Compute("absent"u8)));
    }

    [Fact]
    public async Task Pushes_a_two_platform_index_and_selects_each_platform()
    {
        var dir = RepositoryPaths.NewTempDirectory("oci-index");
        var index = TestImages.TwoPlatforms(dir, "multi");
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        using var layout = OciLayoutStore.Open(dir);
        var digest = await ImageCopier.CopyAsync(layout, string.Empty, "multi", client, "pg/multi", "multi");
        Assert.Equal(index.Digest, digest.ToString());

        var head = await client.ResolveAsync("pg/multi", "multi");
        Assert.Equal(OciMediaTypes.ImageIndex, head.MediaType);

        var arm = await ResolvedImage.ResolveAsync(client, "pg/multi", "multi", new OciPlatform("linux", "arm64"));
        Assert.Contains("\"architecture\":\"arm64\"", Encoding.UTF8.GetString(arm.Config), StringComparison.Ordinal);
        Assert.Equal(digest, arm.Digest);
        var amd = await ResolvedImage.ResolveAsync(client, "pg/multi", "multi");
        Assert.Contains("\"architecture\":\"amd64\"", Encoding.UTF8.GetString(amd.Config), StringComparison.Ordinal);
        Assert.NotEqual(arm.ManifestContent.Digest, amd.ManifestContent.Digest);

        var none = await Assert.ThrowsAsync<OciException>(() => ResolvedImage.ResolveAsync(client, "pg/multi", "multi", new OciPlatform("windows", "amd64")));
        Assert.Equal(OciErrorKind.NotFound, none.Kind);
        Assert.Contains("linux/arm64", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_in_chunks()
    {
        var data = new byte[10_000];
        new Random(7).NextBytes(data);
        var digest = Digest.Compute(data);
        var options = TestImages.Options(_registry) with { UploadChunkSize = 4096 };
        using var client = new RegistryClient(_registry.Host, options);
        await client.PutBlobAsync("pg/chunked", digest, new MemoryStream(data), data.Length);
        Assert.Equal(data, await client.GetBlobAsync("pg/chunked", digest, 1 << 20));

        // The whole image pushed in chunks pulls back identical.
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-chunk"), "v1", "chunked");
        Assert.Equal(image.Manifest.Digest, (await TestImages.PushAsync(image, client, "pg/chunked", "v1")).ToString());
        Assert.Equal(image.Layers[1].Bytes, await client.GetBlobAsync("pg/chunked", Digest.Parse(image.Layers[1].Digest), 1 << 20));
    }

    [Fact]
    public async Task Mounts_a_blob_from_another_repository()
    {
        var data = Encoding.UTF8.GetBytes("shared layer " + Guid.NewGuid());
        var digest = Digest.Compute(data);
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        await client.PutBlobAsync("pg/mount-source", digest, new MemoryStream(data), data.Length);
        await client.PutBlobAsync("pg/mount-target", digest, Stream.Null, data.Length, mountFrom: "pg/mount-source");
        Assert.Equal(data, await client.GetBlobAsync("pg/mount-target", digest, 1024));
    }

    [Fact]
    public async Task Rejects_a_blob_whose_content_does_not_match_its_digest_on_upload()
    {
        var data = Encoding.UTF8.GetBytes("real");
        var wrongDigest = Digest.Compute("other"u8);
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry) with { UploadChunkSize = 2 });
        var error = await Assert.ThrowsAsync<OciException>(() => client.PutBlobAsync("pg/badupload", wrongDigest, new MemoryStream(data), data.Length));
        Assert.Equal(OciErrorKind.DigestMismatch, error.Kind);
        Assert.False(await client.BlobExistsAsync("pg/badupload", wrongDigest));
    }

    [Fact]
    public async Task Finds_referrers_through_the_tag_schema_fallback()
    {
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-ref"), "v1", "referred");
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        var subject = await TestImages.PushAsync(image, client, "pg/referrers", "v1");
        Assert.Empty(await client.ListReferrersAsync("pg/referrers", subject));

        var empty = "{}"u8.ToArray();
        var emptyDigest = Digest.Compute(empty);
        await client.PutBlobAsync("pg/referrers", emptyDigest, new MemoryStream(empty), empty.Length);
        var artifact = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{OciMediaTypes.ImageManifest}\",\"artifactType\":\"application/vnd.example.sbom\"," +
            $"\"config\":{{\"mediaType\":\"{OciMediaTypes.Empty}\",\"digest\":\"{emptyDigest}\",\"size\":2}},\"layers\":[]," +
            $"\"subject\":{{\"mediaType\":\"{OciMediaTypes.ImageManifest}\",\"digest\":\"{subject}\",\"size\":{image.Manifest.Size}}}}}");
        var artifactDigest = await client.PutManifestAsync("pg/referrers", Digest.Compute(artifact).ToString(), artifact, OciMediaTypes.ImageManifest);
        var index = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{OciMediaTypes.ImageIndex}\",\"manifests\":[{{\"mediaType\":\"{OciMediaTypes.ImageManifest}\"," +
            $"\"digest\":\"{artifactDigest}\",\"size\":{artifact.Length},\"artifactType\":\"application/vnd.example.sbom\"}}]}}");
        await client.PutManifestAsync("pg/referrers", subject.ToTagSchema(), index, OciMediaTypes.ImageIndex);

        var referrers = await client.ListReferrersAsync("pg/referrers", subject);
        Assert.Equal(artifactDigest, Assert.Single(referrers).Digest);
        Assert.Single(await client.ListReferrersAsync("pg/referrers", subject, "application/vnd.example.sbom"));
        Assert.Empty(await client.ListReferrersAsync("pg/referrers", subject, "application/vnd.other"));
    }

    [Fact]
    public async Task Refuses_plain_http_unless_allowed()
    {
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry) with { AllowHttp = false, MaxRetries = 0 });
        Assert.StartsWith("https://", client.BaseAddress.ToString(), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync("pg/roundtrip", "v1"));
        Assert.Equal(OciErrorKind.Unreachable, error.Kind);
        Assert.Contains("--allow-http-registry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_registry_is_a_failure()
    {
        var port = RegistryFixture.FreePort();
        using var client = new RegistryClient($"127.0.0.1:{port}", TestImages.Options(_registry) with { MaxRetries = 1 });
        var error = await Assert.ThrowsAsync<OciException>(() => client.ResolveAsync("pg/none", "v1"));
        Assert.Equal(OciErrorKind.Unreachable, error.Kind);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetManifestAsync("pg/roundtrip", "v1", cancelled.Token));
    }
}
