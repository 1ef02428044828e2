using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Sbom;

public sealed class ImageSbomCommandTests : IClassFixture<RegistryFixture>
{
    private const string Status = "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n\nPackage: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u7\n";
    private const string OsRelease = "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n";

    private readonly RegistryFixture _registry;

    public ImageSbomCommandTests(RegistryFixture registry)
    {
        _registry = registry;
    }

    private static OciLayoutImage Image(string dir)
        => new OciLayoutBuilder()
            .AddLayer(LayerEntry.File("etc/os-release", OsRelease), LayerEntry.File("var/lib/dpkg/status", Status))
            .AddLayer(LayerEntry.File("app/App.deps.json", "{\"libraries\":{\"Serilog/3.1.1\":{\"type\":\"package\"},\"App/1.0.0\":{\"type\":\"project\"}}}"))
            .Write(dir, "v1");

    [Fact]
    public async Task Writes_a_cyclonedx_sbom_of_an_oci_layout_to_stdout()
    {
        var image = Image(RepositoryPaths.NewTempDirectory("cli-image"));
        var (code, output, error) = await CliRunner.RunAsync("sbom", "--image", image.Reference);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var purls = json.RootElement.GetProperty("components").EnumerateArray()
            .Where(c => c.TryGetProperty("purl", out _)).Select(c => c.GetProperty("purl").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12&upstream=glibc",
                "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib",
                "pkg:nuget/Serilog@3.1.1",
            ],
            purls);
        var component = json.RootElement.GetProperty("metadata").GetProperty("component");
        Assert.Equal("container", component.GetProperty("type").GetString());
        Assert.Equal(image.Manifest.Digest, component.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Reads_a_registry_image_only_with_allow_http_registry()
    {
        var image = Image(RepositoryPaths.NewTempDirectory("cli-reg"));
        var skopeo = ProcessRunner.Require("skopeo", "install the Debian package skopeo");
        var push = await ProcessRunner.RunAsync(skopeo, ["--insecure-policy", "copy", "--dest-tls-verify=false", image.Reference, $"docker://{_registry.Host}/cli/app:v1"]);
        Assert.True(push.ExitCode == 0, push.ToString());

        var refused = await CliRunner.RunAsync("sbom", "--image", $"{_registry.Host}/cli/app:v1");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--allow-http-registry", refused.Error, StringComparison.Ordinal);
        Assert.Empty(refused.Output);

        var file = Path.Combine(RepositoryPaths.NewTempDirectory("cli-reg-out"), "app.cdx.json");
        var (code, _, error) = await CliRunner.RunAsync("sbom", "--image", $"{_registry.Host}/cli/app:v1", "--allow-http-registry", "-o", file, "--spec-version", "1.7");
        Assert.True(code == 0, error);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("pkg:deb/debian/libc6@2.36-9%2Bdeb12u7", text, StringComparison.Ordinal);
        Assert.Contains("\"specVersion\": \"1.7\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_a_docker_archive()
    {
        var dir = RepositoryPaths.NewTempDirectory("cli-archive");
        var image = Image(Path.Combine(dir, "layout"));
        var archive = Path.Combine(dir, "image.tar");
        await using (var file = File.Create(archive))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            void Add(string name, byte[] data) => writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            Add("manifest.json", Encoding.UTF8.GetBytes($"[{{\"Config\":\"blobs/sha256/{image.Config.Digest[7..]}\",\"RepoTags\":[\"app:1\"],\"Layers\":[{string.Join(',', image.Layers.Select(l => $"\"blobs/sha256/{l.Digest[7..]}\""))}]}}]"));
            Add($"blobs/sha256/{image.Config.Digest[7..]}", image.Config.Bytes);
            foreach (var layer in image.Layers)
            {
                Add($"blobs/sha256/{layer.Digest[7..]}", layer.Bytes);
            }
        }

        var (code, output, error) = await CliRunner.RunAsync("sbom", "--image", $"docker-archive:{archive}", "--format", "spdx-json");
        Assert.True(code == 0, error);
        Assert.Contains("pkg:nuget/Serilog@3.1.1", output, StringComparison.Ordinal);
        Assert.Contains("SPDX-2.3", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sbom", "--image", "Bad:Ref:x")]
    [InlineData("sbom", "--image", "oci:x", "--platform", "linux")]
    [InlineData("sbom")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var (code, output, _) = await CliRunner.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
    }

    [Fact]
    public async Task A_missing_layout_exits_1()
    {
        var (code, output, error) = await CliRunner.RunAsync("sbom", "--image", $"oci:{Path.Combine(RepositoryPaths.Scratch, "missing-layout")}");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("not an OCI image layout", error, StringComparison.Ordinal);
    }
}
