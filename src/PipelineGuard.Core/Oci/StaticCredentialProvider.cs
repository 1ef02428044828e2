namespace PipelineGuard.Oci;

/// <summary>Fixed credentials, for one registry or (when <see cref="Registry"/> is null) for every registry.</summary>
public sealed record StaticCredentialProvider(RegistryCredentials Credentials, string? Registry = null) : IRegistryCredentialProvider
{
    /// <inheritdoc />
    public RegistryCredentials? GetCredentials(string registry)
        => Registry is null || string.Equals(Registry, registry, StringComparison.OrdinalIgnoreCase) ? Credentials : null;
}
