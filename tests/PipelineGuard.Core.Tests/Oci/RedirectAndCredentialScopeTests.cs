using PipelineGuard.Oci;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

/// <summary>Redirects a registry sends, and which registry environment credentials go to.</summary>
public sealed class RedirectAndCredentialScopeTests : IClassFixture<RegistryFixture>, IAsyncLifetime, IDisposable
{
    private readonly RegistryFixture _registry;
    private readonly FaultProxy _proxy;
    private readonly FaultProxy _elsewhere;
    private OciLayoutImage _image = null!;

    public RedirectAndCredentialScopeTests(RegistryFixture registry)
    {
        _registry = registry;
        _proxy = new FaultProxy(registry);
        _elsewhere = new FaultProxy(registry);
    }

    public async Task InitializeAsync()
    {
        _image = TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-redirect"), "v1", "redirect");
        using var direct = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        await TestImages.PushAsync(_image, direct, "pg/redirects", "v1");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _proxy.Dispose();
        _elsewhere.Dispose();
    }

    private Digest Layer(int i) => Digest.Parse(_image.Layers[i].Digest);

    [Fact]
    public async Task A_file_url_redirect_is_a_clean_error()
    {
        _proxy.InjectRedirect("/manifests/v1", "file:///etc/passwd", 10);
        using var client = new RegistryClient(_proxy.Host, TestImages.Options(_registry));
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync("pg/redirects", "v1"));
        Assert.Equal(OciErrorKind.Protocol, error.Kind);
        Assert.Contains("file:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_redirected_to_another_host_is_not_followed()
    {
        _proxy.InjectRedirect("/manifests/v1", $"http://{_elsewhere.Host}{{path}}", 10);
        using var client = new RegistryClient(_proxy.Host, TestImages.Options(_registry));
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync("pg/redirects", "v1"));
        Assert.Contains("another host", error.Message, StringComparison.Ordinal);
        Assert.Empty(_elsewhere.Log);
    }

    [Fact]
    public async Task A_blob_redirected_to_another_host_is_fetched_and_checked_there()
    {
        _proxy.InjectRedirect($"/blobs/{Layer(0)}", $"http://{_elsewhere.Host}{{path}}", 1);
        using var client = new RegistryClient(_proxy.Host, TestImages.Options(_registry));
        Assert.Equal(_image.Layers[0].Bytes, await client.GetBlobAsync("pg/redirects", Layer(0), 1 << 20));
        Assert.Equal(1, _elsewhere.Count("GET", $"/blobs/{Layer(0)}"));
    }

    [Fact]
    public async Task A_blob_redirected_outside_the_allowed_registries_is_not_followed()
    {
        _proxy.InjectRedirect($"/blobs/{Layer(0)}", $"http://{_elsewhere.Host}{{path}}", 10);
        using var client = new RegistryClient(_proxy.Host, TestImages.Options(_registry) with { AllowedRedirectHosts = ["registry.example.com"] });
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetBlobAsync("pg/redirects", Layer(0), 1 << 20));
        Assert.Contains("not an allowed registry", error.Message, StringComparison.Ordinal);
        Assert.Empty(_elsewhere.Log);
    }

    [Fact]
    public async Task A_redirect_to_plain_http_needs_http_allowed()
    {
        _proxy.InjectRedirect("/manifests/v1", "http://registry.invalid{path}", 10);
        using var handler = new ProxyAsHttpsHandler(_proxy.Host);
        using var client = new RegistryClient(_proxy.Host, TestImages.Options(_registry) with { AllowHttp = false }, handler);
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync("pg/redirects", "v1"));
        Assert.Equal(OciErrorKind.InsecureTransport, error.Kind);
    }

    [Fact]
    public void Environment_credentials_go_to_the_command_target_only_without_a_host_variable()
    {
        var variables = new Dictionary<string, string>
        {
            [EnvironmentCredentialProvider.UsernameVariable] = "ci",
            [EnvironmentCredentialProvider.PasswordVariable] = "s3cret",
        };
        var forNobody = new EnvironmentCredentialProvider(name => variables.GetValueOrDefault(name));
        Assert.Null(forNobody.GetCredentials("ghcr.io"));

        var forTarget = new EnvironmentCredentialProvider(name => variables.GetValueOrDefault(name), "registry.example.com");
        Assert.Equal("ci", forTarget.GetCredentials("registry.example.com")?.Username);
        Assert.Null(forTarget.GetCredentials("attacker.example"));

        variables[EnvironmentCredentialProvider.HostVariable] = "corp.example:5000";
        Assert.Equal("ci", forTarget.GetCredentials("corp.example:5000")?.Username);
        Assert.Null(forTarget.GetCredentials("registry.example.com"));
    }

    [Fact]
    public void Environment_credentials_for_docker_hub_match_its_aliases()
    {
        var variables = new Dictionary<string, string>
        {
            [EnvironmentCredentialProvider.UsernameVariable] = "ci",
            [EnvironmentCredentialProvider.PasswordVariable] = "s3cret",
            [EnvironmentCredentialProvider.HostVariable] = "index.docker.io",
        };
        var provider = new EnvironmentCredentialProvider(name => variables.GetValueOrDefault(name));
        Assert.Equal("ci", provider.GetCredentials(ImageReference.DockerHub)?.Username);
    }

    /// <summary>Rewrites https:// requests to the proxy into http:// so a client that refuses HTTP can be tested on loopback.</summary>
    private sealed class ProxyAsHttpsHandler(string host) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Authority == host && request.RequestUri.Scheme == Uri.UriSchemeHttps)
            {
                request.RequestUri = new UriBuilder(request.RequestUri) { Scheme = Uri.UriSchemeHttp, Port = request.RequestUri.Port }.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
