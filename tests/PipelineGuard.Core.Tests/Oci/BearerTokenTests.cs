using PipelineGuard.Oci;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

public sealed class BearerTokenTests : IClassFixture<TokenAuthRegistryFixture>
{
    private readonly TokenAuthRegistryFixture _registry;

    public BearerTokenTests(TokenAuthRegistryFixture registry)
    {
        _registry = registry;
    }

    [Fact]
    public async Task Follows_the_token_flow_with_credentials_and_caches_tokens_per_scope()
    {
        var credentials = new StaticCredentialProvider(new RegistryCredentials(TokenServer.User, TokenServer.Secret));
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry, credentials));
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-bearer"));
        await client.PingAsync();
        var before = _registry.Tokens.Requests.Count;
        var digest = await TestImages.PushAsync(image, client, "pg/bearer", "v1");
        Assert.Equal(image.Manifest.Bytes, (await client.GetManifestAsync("pg/bearer", "v1")).Bytes);
        Assert.Equal(image.Layers[0].Bytes, await client.GetBlobAsync("pg/bearer", Digest.Parse(image.Layers[0].Digest), 1 << 20));
        Assert.Equal(digest, (await client.ResolveAsync("pg/bearer", "v1")).Digest);

        var requests = _registry.Tokens.Requests.Skip(before).ToList();
        Assert.All(requests, r => Assert.StartsWith(TokenServer.User + " ", r, StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Contains("scope=repository%3Apg%2Fbearer%3Apull%2Cpush", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Contains("service=pg-registry", StringComparison.Ordinal));
        // One token per scope (pull, and pull+push), reused for every later request.
        Assert.Equal(2, requests.Count);
    }

    [Fact]
    public async Task A_check_of_several_FROMs_of_one_registry_uses_one_client_and_one_token()
    {
        // The evidence collector had opened a new client, with a new connection and token, for every FROM.
        var credentials = new StaticCredentialProvider(new RegistryCredentials(TokenServer.User, TokenServer.Secret));
        using (var pusher = new RegistryClient(_registry.Host, TestImages.Options(_registry, credentials)))
        {
            await TestImages.PushAsync(TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-pool"), "v1", "pool"), pusher, "pg/pool", "v1");
        }

        var folder = RepositoryPaths.NewTempDirectory("oci-pool-dockerfile");
        var dockerfile = Path.Combine(folder, "Dockerfile");
        File.WriteAllText(dockerfile, $"FROM {_registry.Host}/pg/pool:v1 AS a\nFROM {_registry.Host}/pg/pool:v1 AS b\nFROM {_registry.Host}/pg/pool:v1\n");
        var before = _registry.Tokens.Requests.Count;

        var result = await PipelineGuard.Provenance.BaseImageChecker.CheckAsync(new PipelineGuard.Provenance.CheckBaseOptions
        {
            Dockerfiles = [dockerfile],
            Rules = new PipelineGuard.Provenance.BaseImageRules { AllowedRegistries = [_registry.Host] },
            Evidence = new PipelineGuard.Provenance.ImageEvidenceOptions { Registry = TestImages.Options(_registry, credentials) },
        });

        var images = Assert.Single(result.Files).Images;
        Assert.Equal(3, images.Count);
        Assert.All(images, i => Assert.NotNull(i.Facts.ResolvedDigest));
        Assert.Single(_registry.Tokens.Requests.Skip(before));
    }

    [Fact]
    public async Task Anonymous_tokens_pull_but_cannot_push()
    {
        var credentials = new StaticCredentialProvider(new RegistryCredentials(TokenServer.User, TokenServer.Secret));
        using (var pusher = new RegistryClient(_registry.Host, TestImages.Options(_registry, credentials)))
        {
            await TestImages.PushAsync(TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-anon"), "v1", "anon"), pusher, "pg/public", "v1");
        }

        using var anonymous = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        Assert.Equal(OciMediaTypes.ImageManifest, (await anonymous.GetManifestAsync("pg/public", "v1")).MediaType);
        var push = await Assert.ThrowsAsync<OciException>(() => TestImages.PushAsync(TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-anon2"), "v2", "x"), anonymous, "pg/public", "v2"));
        Assert.Equal(OciErrorKind.Unauthorized, push.Kind);
    }

    [Fact]
    public async Task Bad_credentials_are_refused_by_the_token_service()
    {
        var wrong = new StaticCredentialProvider(new RegistryCredentials(TokenServer.User, "nope"));
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry, wrong));
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync("pg/bearer", "v1"));
        Assert.Equal(OciErrorKind.Unauthorized, error.Kind);
        Assert.Contains("token service refused", error.Message, StringComparison.Ordinal);
    }
}
