namespace PipelineGuard.Oci;

/// <summary>A user name and password (or token) for a registry. <see cref="ToString"/> never shows the secret.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"{Username}:***";
}

/// <summary>Finds credentials for a registry host (as in <see cref="ImageReference.Registry"/>), or null for anonymous access.</summary>
public interface IRegistryCredentialProvider
{
    /// <summary>Credentials for <paramref name="registry"/>, or null.</summary>
    RegistryCredentials? GetCredentials(string registry);
}
