namespace PipelineGuard.Oci;

/// <summary>Asks several providers in order and returns the first credentials found.</summary>
public sealed class CredentialChain : IRegistryCredentialProvider
{
    private readonly IReadOnlyList<IRegistryCredentialProvider> _providers;

    /// <summary>Creates the chain.</summary>
    public CredentialChain(params IRegistryCredentialProvider[] providers)
    {
        _providers = providers;
    }

    /// <summary>
    /// The default order: environment variables (for <c>PIPELINEGUARD_REGISTRY_HOST</c>, else only for
    /// <paramref name="commandTarget"/>), then Docker's config file (per host).
    /// </summary>
    public static CredentialChain Default(string? commandTarget = null)
        => new(new EnvironmentCredentialProvider(Environment.GetEnvironmentVariable, commandTarget), new DockerConfigCredentialProvider(DockerConfigCredentialProvider.DefaultPath()));

    /// <inheritdoc />
    public RegistryCredentials? GetCredentials(string registry)
    {
        foreach (var provider in _providers)
        {
            var credentials = provider.GetCredentials(registry);
            if (credentials is not null)
            {
                return credentials;
            }
        }

        return null;
    }
}
