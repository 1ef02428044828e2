using System.Net;
using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Harness;

/// <summary>The test harness itself: a real registry round trip with an independent client (skopeo).</summary>
public sealed class RegistryFixtureTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task An_oci_layout_pushed_with_skopeo_comes_back_with_the_same_manifest_digest()
    {
        var skopeo = ProcessRunner.Require("skopeo", "install the Debian package skopeo");
        var source = RepositoryPaths.NewTempDirectory("layout");
        var image = new OciLayoutBuilder()
            .AddLayer(LayerEntry.File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"), LayerEntry.File("app/hello.txt", "hello"))
            .Write(source, "v1");

        var push = await ProcessRunner.RunAsync(skopeo, ["copy", "--dest-tls-verify=false", "--preserve-digests", image.Reference, $"docker://{registry.Host}/harness/hello:v1"], timeout: TimeSpan.FromMinutes(1));
        Assert.True(push.ExitCode == 0, push.ToString() + registry.Log);

        using var http = registry.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/harness/hello/manifests/v1");
        request.Headers.Accept.ParseAdd(OciLayoutBuilder.ManifestMediaType);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(image.Manifest.Digest, response.Headers.GetValues("Docker-Content-Digest").Single());

        var pulled = RepositoryPaths.NewTempDirectory("pulled");
        var pull = await ProcessRunner.RunAsync(skopeo, ["copy", "--src-tls-verify=false", $"docker://{registry.Host}/harness/hello@{image.Manifest.Digest}", $"oci:{pulled}:back"], timeout: TimeSpan.FromMinutes(1));
        Assert.True(pull.ExitCode == 0, pull.ToString());
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(pulled, "index.json")));
        Assert.Equal(image.Manifest.Digest, index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString());
        foreach (var layer in image.Layers)
        {
            Assert.True(File.Exists(Path.Combine(pulled, "blobs", "sha256", layer.Digest["sha256:".Length..])), $"layer {layer.Digest} did not come back");
        }
    }
}

public sealed class BasicAuthRegistryFixtureTests(BasicAuthRegistryFixture registry) : IClassFixture<BasicAuthRegistryFixture>
{
    [Fact]
    public async Task The_htpasswd_variant_refuses_anonymous_requests_and_accepts_its_credentials()
    {
        using var anonymous = new HttpClient { BaseAddress = registry.BaseAddress };
        using var refused = await anonymous.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Basic", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var authorised = registry.CreateHttpClient();
        using var accepted = await authorised.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}

public sealed class DeletableRegistryFixtureTests(DeletableRegistryFixture registry) : IClassFixture<DeletableRegistryFixture>
{
    [Fact]
    public async Task The_deletable_variant_deletes_a_manifest_by_digest()
    {
        var skopeo = ProcessRunner.Require("skopeo", "install the Debian package skopeo");
        var source = RepositoryPaths.NewTempDirectory("layout");
        var image = new OciLayoutBuilder().AddLayer(LayerEntry.File("a.txt", "a")).Write(source, "v1");
        var push = await ProcessRunner.RunAsync(skopeo, ["copy", "--dest-tls-verify=false", "--preserve-digests", image.Reference, $"docker://{registry.Host}/harness/deletable:v1"], timeout: TimeSpan.FromMinutes(1));
        Assert.True(push.ExitCode == 0, push.ToString());

        using var http = registry.CreateHttpClient();
        using var deleted = await http.DeleteAsync($"/v2/harness/deletable/manifests/{image.Manifest.Digest}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        using var gone = await http.GetAsync($"/v2/harness/deletable/manifests/{image.Manifest.Digest}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
