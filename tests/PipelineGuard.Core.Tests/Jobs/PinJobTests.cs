using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Jobs;

/// <summary>The pin job the command line and the Cake alias share; the base image is the HelloService sample's OCI layout.</summary>
public sealed class PinJobTests
{
    private const string Digest = "sha256:ebbad58488b3a2a23255a54930df3d211bc2e95dd82386629db69e4c8591083b";
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private static GatePolicy HelloServicePolicy()
    {
        var loaded = PolicyLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "HelloService", PolicyLoader.DefaultFileName));
        Assert.True(loaded.Policy is not null, string.Join('\n', loaded.Diagnostics));
        return loaded.Policy;
    }

    private static async Task<string> WriteDockerfileAsync(bool byteOrderMark)
    {
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("pin-job"), "Dockerfile");
        byte[] body = [.. System.Text.Encoding.UTF8.GetBytes("# the runtime\r\nFROM registry.pipelineguard.test/base/hello-runtime:1.0 AS run\r\nUSER 10001\r\n")];
        await File.WriteAllBytesAsync(path, byteOrderMark ? [.. ByteOrderMark, .. body] : body);
        return path;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Writing_keeps_the_byte_order_mark_exactly_when_the_file_had_one(bool byteOrderMark)
    {
        var path = await WriteDockerfileAsync(byteOrderMark);
        var job = await PinJob.RunAsync(new PinJobOptions { Dockerfile = path, Mode = PinMode.Write, Policy = HelloServicePolicy() });

        Assert.True(job.Succeeded(PinMode.Write), job.ReadError ?? job.Pin?.Error);
        Assert.True(job.Written);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(byteOrderMark, bytes.AsSpan().StartsWith(ByteOrderMark));
        var text = System.Text.Encoding.UTF8.GetString(bytes, byteOrderMark ? 3 : 0, bytes.Length - (byteOrderMark ? 3 : 0));
        Assert.Equal($"# the runtime\r\nFROM registry.pipelineguard.test/base/hello-runtime:1.0@{Digest} AS run\r\nUSER 10001\r\n", text);
    }

    [Fact]
    public async Task Check_lists_the_unpinned_image_and_leaves_the_file_alone()
    {
        var path = await WriteDockerfileAsync(byteOrderMark: true);
        var before = await File.ReadAllBytesAsync(path);
        var job = await PinJob.RunAsync(new PinJobOptions { Dockerfile = path, Mode = PinMode.Check });

        Assert.False(job.Succeeded(PinMode.Check));
        Assert.False(job.Written);
        Assert.Equal(2, Assert.Single(job.Pin!.Changes).Line);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Resolve_reports_the_digest_without_writing()
    {
        var path = await WriteDockerfileAsync(byteOrderMark: false);
        var before = await File.ReadAllBytesAsync(path);
        var job = await PinJob.RunAsync(new PinJobOptions { Dockerfile = path, Policy = HelloServicePolicy() });

        Assert.True(job.Succeeded(PinMode.Resolve), job.Pin?.Error);
        Assert.EndsWith("@" + Digest, Assert.Single(job.Pin!.Changes).After, StringComparison.Ordinal);
        Assert.False(job.Written);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_missing_file_is_a_read_error_naming_it()
    {
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("pin-job"), "Dockerfile");
        var job = await PinJob.RunAsync(new PinJobOptions { Dockerfile = path, Mode = PinMode.Write });

        Assert.Null(job.Pin);
        Assert.Contains(path, job.ReadError, StringComparison.Ordinal);
    }
}
