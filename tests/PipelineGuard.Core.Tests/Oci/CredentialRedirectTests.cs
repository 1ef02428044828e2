using PipelineGuard.Oci;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

/// <summary>Credentials never follow a redirect to another host.</summary>
public sealed class CredentialRedirectTests : IClassFixture<BasicAuthRegistryFixture>, IAsyncLifetime, IDisposable
{
    private readonly BasicAuthRegistryFixture _registry;
    private readonly FaultProxy _proxy;
    private readonly FaultProxy _elsewhere;
    private readonly StaticCredentialProvider _credentials = new(new RegistryCredentials(RegistryFixture.UserName, RegistryFixture.Password));
    private OciLayoutImage _image = null!;

    public CredentialRedirectTests(BasicAuthRegistryFixture registry)
    {
        _registry = registry;
        _proxy = new FaultProxy(registry);
        _elsewhere = new FaultProxy(registry);
    }

    public async Task InitializeAsync()
    {
        _image = TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-cred-redirect"), "v1", "cred-redirect");
        using var direct = new RegistryClient(_registry.Host, TestImages.Options(_registry, _credentials));
        await TestImages.PushAsync(_image, direct, "pg/credredirect", "v1");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _proxy.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public async Task A_blob_redirect_to_another_host_carries_no_credentials()
    {
        var layer = Digest.Parse(_image.Layers[0].Digest);
        _proxy.InjectRedirect($"/blobs/{layer}", $"http://{_elsewhere.Host}{{path}}", 10);
        using var client = new RegistryClient(_proxy.Host, TestImages.Options(_registry, _credentials));

        // The other host is the real registry, which wants credentials it is not given: a clean refusal.
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetBlobAsync("pg/credredirect", layer, 1 << 20));
        Assert.Equal(OciErrorKind.Unauthorized, error.Kind);
        Assert.NotEmpty(_elsewhere.Log);
        Assert.Empty(_elsewhere.Authorized);
        Assert.NotEmpty(_proxy.Authorized);
    }
}
