using System.Text;
using PipelineGuard.Oci;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

public sealed class BasicAuthRegistryTests : IClassFixture<BasicAuthRegistryFixture>
{
    private readonly BasicAuthRegistryFixture _registry;

    public BasicAuthRegistryTests(BasicAuthRegistryFixture registry)
    {
        _registry = registry;
    }

    [Fact]
    public async Task Pushes_and_pulls_with_htpasswd_credentials()
    {
        var credentials = new StaticCredentialProvider(new RegistryCredentials(RegistryFixture.UserName, RegistryFixture.Password), _registry.Host);
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry, credentials));
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-basic"));
        var digest = await TestImages.PushAsync(image, client, "pg/private", "v1");
        Assert.Equal(image.Manifest.Bytes, (await client.GetManifestAsync("pg/private", digest.ToString())).Bytes);
        Assert.Contains("v1", await client.ListTagsAsync("pg/private"));
    }

    [Fact]
    public async Task Anonymous_and_wrong_credentials_are_unauthorized()
    {
        using var anonymous = new RegistryClient(_registry.Host, TestImages.Options(_registry));
        var error = await Assert.ThrowsAsync<OciException>(() => anonymous.ResolveAsync("pg/private", "v1"));
        Assert.Equal(OciErrorKind.Unauthorized, error.Kind);
        Assert.Contains(EnvironmentCredentialProvider.UsernameVariable, error.Message, StringComparison.Ordinal);

        var wrong = new StaticCredentialProvider(new RegistryCredentials(RegistryFixture.UserName, "wrong-password"));
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry, wrong));
        var refused = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync("pg/private", "v1"));
        Assert.Equal(OciErrorKind.Unauthorized, refused.Kind);
        Assert.DoesNotContain("wrong-password", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_credentials_from_a_docker_config_file()
    {
        var dir = RepositoryPaths.NewTempDirectory("docker-config");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryFixture.UserName}:{RegistryFixture.Password}"));
        await File.WriteAllTextAsync(Path.Combine(dir, "config.json"), $"{{\"auths\":{{\"http://{_registry.Host}/v2/\":{{\"auth\":\"{auth}\"}},\"other.example\":{{\"username\":\"x\",\"password\":\"y\"}}}}}}");
        var path = DockerConfigCredentialProvider.DefaultPath(name => name == "DOCKER_CONFIG" ? dir : null);
        var provider = new DockerConfigCredentialProvider(path);
        Assert.Equal(RegistryFixture.UserName, provider.GetCredentials(_registry.Host)?.Username);
        Assert.Equal("x", provider.GetCredentials("other.example")?.Username);
        Assert.Null(provider.GetCredentials("unknown.example"));

        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry, provider));
        await TestImages.PushAsync(TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-cfg"), "v2", "cfg"), client, "pg/private", "v2");
        Assert.Contains("v2", await client.ListTagsAsync("pg/private"));
    }

    [Fact]
    public async Task Reads_credentials_from_environment_variables()
    {
        var variables = new Dictionary<string, string>
        {
            [EnvironmentCredentialProvider.UsernameVariable] = RegistryFixture.UserName,
            [EnvironmentCredentialProvider.PasswordVariable] = RegistryFixture.Password,
            [EnvironmentCredentialProvider.HostVariable] = _registry.Host,
        };
        var provider = new EnvironmentCredentialProvider(name => variables.GetValueOrDefault(name));
        Assert.Null(provider.GetCredentials("elsewhere.example"));
        using var client = new RegistryClient(_registry.Host, TestImages.Options(_registry, provider));
        await TestImages.PushAsync(TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-env"), "v3", "env"), client, "pg/private", "v3");
        Assert.Contains("v3", await client.ListTagsAsync("pg/private"));
    }

    [Fact]
    public void A_malformed_docker_config_is_a_clear_error()
    {
        var dir = RepositoryPaths.NewTempDirectory("docker-config-bad");
        var path = Path.Combine(dir, "config.json");
        File.WriteAllText(path, "{\"auths\": ");
        var error = Assert.Throws<OciException>(() => new DockerConfigCredentialProvider(path));
        Assert.Equal(OciErrorKind.InvalidInput, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
