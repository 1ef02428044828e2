using System.Text;
using PipelineGuard.Oci;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

public sealed class DigestTests
{
    [Fact]
    public void Computes_sha256_and_sha512_as_sha256sum_does()
    {
        var data = Encoding.UTF8.GetBytes("hello\n");
        Assert.Equal("sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", Digest.Compute(data).ToString());
        Assert.Equal(
            "sha512:e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629",
            Digest.Compute(data, Digest.Sha512).ToString());
        Assert.Equal("sha256-5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", Digest.Compute(data).ToTagSchema());
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha256:")]
    [InlineData(":abc")]
    [InlineData("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be0")]
    [InlineData("sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be0g")]
    public void Rejects_malformed_digests(string text)
    {
        Assert.False(Digest.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public async Task Verifying_stream_accepts_matching_content()
    {
        var data = Encoding.UTF8.GetBytes(new string('x', 200_000));
        await using var stream = new DigestVerifyingStream(new MemoryStream(data), Digest.Compute(data), data.Length);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.True(stream.Verified);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Verifying_stream_rejects_wrong_content_truncation_and_excess()
    {
        var data = Encoding.UTF8.GetBytes("the real content");
        var digest = Digest.Compute(data);
        var wrong = Encoding.UTF8.GetBytes("the fake content");

        var mismatch = await Assert.ThrowsAsync<OciException>(() => new DigestVerifyingStream(new MemoryStream(wrong), digest, wrong.Length).CopyToAsync(Stream.Null));
        Assert.Equal(OciErrorKind.DigestMismatch, mismatch.Kind);

        var truncated = await Assert.ThrowsAsync<OciException>(() => new DigestVerifyingStream(new MemoryStream(data[..5]), digest, data.Length).CopyToAsync(Stream.Null));
        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);

        var longer = await Assert.ThrowsAsync<OciException>(() => new DigestVerifyingStream(new MemoryStream([.. data, 1]), digest, data.Length).CopyToAsync(Stream.Null));
        Assert.Equal(OciErrorKind.DigestMismatch, longer.Kind);

        var limited = await Assert.ThrowsAsync<OciException>(() => new DigestVerifyingStream(new MemoryStream(data), digest, -1, maxSize: 4).CopyToAsync(Stream.Null));
        Assert.Equal(OciErrorKind.LimitExceeded, limited.Kind);
    }
}
