using System.Text;
using PipelineGuard.Core.Tests.Oci;
using PipelineGuard.IO;
using PipelineGuard.Oci;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.IO;

/// <summary>Files and documents that once hung the tool, exhausted its memory or escaped as an exception.</summary>
public sealed class HostileInputTests
{
    /// <summary>JSON whose only fault is a string holding the byte 0xFF.</summary>
    private static byte[] WithInvalidUtf8(string json) => Encoding.UTF8.GetBytes(json).Select(b => b == (byte)'~' ? (byte)0xFF : b).ToArray();

    [Fact]
    public void A_file_over_its_cap_is_refused_with_its_name()
    {
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("cap"), "big.json");
        File.WriteAllBytes(path, new byte[2048]);
        var error = Assert.Throws<InputFileException>(() => InputFile.ReadAllBytes(path, 1024));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("1024", error.Message, StringComparison.Ordinal);
        Assert.Equal(2048, InputFile.ReadAllBytes(path, 2048).Length);
    }

    [Fact]
    public async Task Dev_zero_is_not_a_regular_file()
    {
        var error = await Assert.ThrowsAsync<InputFileException>(() => InputFile.ReadAllBytesAsync("/dev/zero"));
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_in_place_of_a_layout_index_is_refused_not_waited_on()
    {
        var dir = RepositoryPaths.NewTempDirectory("fifo-layout");
        await File.WriteAllTextAsync(Path.Combine(dir, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var error = await Fifo.RunAsync(Path.Combine(dir, "index.json"), "{\"schemaVersion\":2,\"manifests\":[]}", async () =>
        {
            using var store = OciLayoutStore.Open(dir);
            return await Assert.ThrowsAsync<OciException>(() => store.ResolveAsync(string.Empty, "latest"));
        });
        Assert.Equal(OciErrorKind.InvalidInput, error.Kind);
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_bundle_string_is_a_malformed_bundle()
    {
        var (bundle, status) = BundleReader.Read(WithInvalidUtf8("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json~\",\"verificationMaterial\":{},\"messageSignature\":{}}"));
        Assert.Null(bundle);
        Assert.False(status.IsValid);
        Assert.Contains("UTF-8", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_dsse_envelope_is_a_malformed_envelope()
    {
        var (envelope, status) = Dsse.Parse(WithInvalidUtf8("{\"payloadType\":\"application/vnd.in-toto+json~\",\"payload\":\"e30=\",\"signatures\":[{\"sig\":\"AA==\"}]}"));
        Assert.Null(envelope);
        Assert.False(status.IsValid);
        Assert.Contains("UTF-8", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_cosign_key_body_is_a_failure()
    {
        var result = CosignEncryptedKey.Decrypt(WithInvalidUtf8("{\"kdf\":{\"name\":\"scrypt~\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},\"salt\":\"AA==\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AA==\"},\"ciphertext\":\"AA==\"}"), "pw");
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Invalid_utf8_in_an_assets_file_is_a_diagnostic_with_the_line()
    {
        var result = AssetsFileReader.Read(WithInvalidUtf8("{\n  \"version\": 3,\n  \"targets\": { \"net8.0~\": {} }\n}"), "obj/project.assets.json");
        Assert.Null(result.File);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Contains("UTF-8", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(3, diagnostic.Line);
    }

    [Fact]
    public void Invalid_utf8_in_a_manifest_is_a_protocol_error()
    {
        var error = Assert.Throws<OciException>(() => OciManifest.Parse(WithInvalidUtf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json~\",\"layers\":[]}"), null, "test"));
        Assert.Equal(OciErrorKind.Protocol, error.Kind);
    }

    [Fact]
    public async Task A_docker_archive_manifest_of_null_is_a_protocol_error()
    {
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("archive-null"), "image.tar");
        await File.WriteAllBytesAsync(path, RawTar.Archive(RawTar.Entry("manifest.json", "[null]")));
        var error = await Assert.ThrowsAsync<OciException>(() => DockerArchiveStore.OpenAsync(path));
        Assert.Equal(OciErrorKind.Protocol, error.Kind);
        Assert.Contains("manifest.json[0]", error.Message, StringComparison.Ordinal);
    }
}
