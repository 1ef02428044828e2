using System.Diagnostics;
using PipelineGuard.Oci;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

public sealed class RegistryFaultTests : IClassFixture<RegistryFixture>, IAsyncLifetime, IDisposable
{
    private readonly RegistryFixture _registry;
    private readonly FaultProxy _proxy;
    private OciLayoutImage _image = null!;
    private Digest _digest = null!;

    public RegistryFaultTests(RegistryFixture registry)
    {
        _registry = registry;
        _proxy = new FaultProxy(registry);
    }

    public async Task InitializeAsync()
    {
        _image = TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-fault"), "v1", "fault");
        using var direct = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        _digest = await TestImages.PushAsync(_image, direct, "pg/faults", "v1");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _proxy.Dispose();

    private RegistryClient ProxyClient(int retries = 3)
        => new(_proxy.Host, TestImages.Options(_registry) with { MaxRetries = retries });

    private Digest Layer(int i) => Digest.Parse(_image.Layers[i].Digest);

    [Fact]
    public async Task Retries_server_errors_and_then_succeeds()
    {
        _proxy.Inject("/manifests/v1", Fault.ServerError, 2);
        using var client = ProxyClient();
        var content = await client.GetManifestAsync("pg/faults", "v1");
        Assert.Equal(_image.Manifest.Bytes, content.Bytes);
        Assert.Equal(3, _proxy.Count("GET", "/manifests/v1"));
    }

    [Fact]
    public async Task Honours_retry_after_on_429()
    {
        _proxy.Inject("/tags/list", Fault.TooManyRequests, 1);
        using var client = ProxyClient();
        var watch = Stopwatch.StartNew();
        Assert.Contains("v1", await client.ListTagsAsync("pg/faults"));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {watch.Elapsed}");
        Assert.Equal(2, _proxy.Count("GET", "/tags/list"));
    }

    [Fact]
    public async Task Gives_up_after_the_configured_retries_with_a_failure()
    {
        _proxy.Inject($"/blobs/{Layer(0)}", Fault.ServerError, 100);
        using var client = ProxyClient(retries: 2);
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetBlobAsync("pg/faults", Layer(0), 1 << 20));
        Assert.Equal(OciErrorKind.Unreachable, error.Kind);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(3, _proxy.Count("GET", $"/blobs/{Layer(0)}"));
    }

    [Fact]
    public async Task Resumes_a_blob_whose_connection_is_reset_mid_way_and_checks_every_byte()
    {
        _proxy.Inject($"/blobs/{Layer(1)}", Fault.Truncate, 1);
        using var client = ProxyClient();
        Assert.Equal(_image.Layers[1].Bytes, await client.GetBlobAsync("pg/faults", Layer(1), 1 << 20));
        Assert.Equal(2, _proxy.Count("GET", $"/blobs/{Layer(1)}"));

        _proxy.Inject($"/blobs/{Layer(1)}", Fault.Truncate, 1);
        await using var stream = await client.OpenBlobAsync("pg/faults", Layer(1), _image.Layers[1].Size);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.True(stream.Verified);
        Assert.Equal(_image.Layers[1].Bytes, copy.ToArray());
        Assert.Equal(4, _proxy.Count("GET", $"/blobs/{Layer(1)}"));
    }

    [Fact]
    public async Task A_stream_reader_sees_a_failure_once_the_resumptions_run_out()
    {
        _proxy.Inject($"/blobs/{Layer(1)}", Fault.Truncate, 100);
        using var client = ProxyClient(retries: 2);
        await using var stream = await client.OpenBlobAsync("pg/faults", Layer(1), _image.Layers[1].Size);
        var error = await Assert.ThrowsAsync<OciException>(() => stream.CopyToAsync(Stream.Null));
        Assert.False(stream.Verified);
        Assert.Equal(OciErrorKind.Unreachable, error.Kind);
        Assert.Contains("resumptions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_body_that_stops_coming_is_dropped_after_the_idle_timeout_and_resumed()
    {
        _proxy.Inject($"/blobs/{Layer(0)}", Fault.StallBody, 1);
        using var client = new RegistryClient(_proxy.Host, TestImages.Options(_registry) with { BlobIdleTimeout = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(_image.Layers[0].Bytes, await client.GetBlobAsync("pg/faults", Layer(0), 1 << 20));
        Assert.Equal(2, _proxy.Count("GET", $"/blobs/{Layer(0)}"));
    }

    [Fact]
    public async Task A_blob_body_that_never_completes_ends_in_a_clean_failure()
    {
        _proxy.Inject($"/blobs/{Layer(0)}", Fault.StallBody, 1000);
        using var client = new RegistryClient(_proxy.Host, TestImages.Options(_registry) with { BlobIdleTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 1 });
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetBlobAsync("pg/faults", Layer(0), 1 << 20));
        Assert.Equal(OciErrorKind.Unreachable, error.Kind);
        Assert.Contains("no data for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_download_is_bounded_by_its_deadline_however_long_the_idle_timeout()
    {
        _proxy.Inject($"/blobs/{Layer(0)}", Fault.StallBody, 1000);
        using var client = new RegistryClient(_proxy.Host, TestImages.Options(_registry) with { BlobIdleTimeout = TimeSpan.FromHours(1), BlobDeadline = TimeSpan.FromMilliseconds(500), MaxRetries = 0 });
        await using var stream = await client.OpenBlobAsync("pg/faults", Layer(0), _image.Layers[0].Size);
        var error = await Assert.ThrowsAsync<OciException>(() => stream.CopyToAsync(Stream.Null));
        Assert.Equal(OciErrorKind.Unreachable, error.Kind);
        Assert.Contains("deadline", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(405)]
    [InlineData(500)]
    public async Task A_failing_referrers_api_falls_back_to_the_tag_schema(int status)
    {
        _proxy.InjectStatus("/referrers/", status, 100);
        using var client = ProxyClient(retries: 1);
        var referrers = await client.ListReferrersAsync("pg/faults", _digest);
        Assert.Empty(referrers);
        Assert.True(_proxy.Count("GET", $"/manifests/{_digest.ToTagSchema()}") >= 1);
    }

    [Fact]
    public async Task Truncated_manifests_are_fetched_again()
    {
        _proxy.Inject("/manifests/v1", Fault.Truncate, 1);
        using var client = ProxyClient();
        Assert.Equal(_image.Manifest.Bytes, (await client.GetManifestAsync("pg/faults", "v1")).Bytes);
    }

    [Fact]
    public async Task Never_passes_wrong_blob_content()
    {
        _proxy.Inject($"/blobs/{Layer(0)}", Fault.Corrupt, 1);
        using var client = ProxyClient();
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetBlobAsync("pg/faults", Layer(0), 1 << 20));
        Assert.Equal(OciErrorKind.DigestMismatch, error.Kind);
        Assert.Contains(Layer(0).ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_passes_a_wrong_manifest_by_digest_or_by_tag()
    {
        _proxy.Inject($"/manifests/{_digest}", Fault.Corrupt, 1);
        _proxy.Inject("/manifests/v1", Fault.Corrupt, 1);
        using var client = ProxyClient();
        var byDigest = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync("pg/faults", _digest.ToString()));
        Assert.Equal(OciErrorKind.DigestMismatch, byDigest.Kind);
        var byTag = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync("pg/faults", "v1"));
        Assert.Equal(OciErrorKind.DigestMismatch, byTag.Kind);
    }

    [Fact]
    public async Task A_corrupted_layer_stops_an_image_copy()
    {
        _proxy.Inject($"/blobs/{Layer(1)}", Fault.Corrupt, 1);
        using var client = ProxyClient();
        using var target = OciLayoutStore.OpenOrCreate(RepositoryPaths.NewTempDirectory("oci-fault-copy"));
        var error = await Assert.ThrowsAsync<OciException>(() => ImageCopier.CopyAsync(client, "pg/faults", "v1", target, string.Empty, "copy"));
        Assert.Equal(OciErrorKind.DigestMismatch, error.Kind);
        Assert.False(await target.BlobExistsAsync(string.Empty, Layer(1)));
        Assert.Empty(await target.ListTagsAsync(string.Empty));
    }
}
