namespace PipelineGuard.Oci;

/// <summary>
/// Credentials from environment variables: <c>PIPELINEGUARD_REGISTRY_USERNAME</c> and
/// <c>PIPELINEGUARD_REGISTRY_PASSWORD</c>, for every registry, or only for <c>PIPELINEGUARD_REGISTRY_HOST</c> when that is set.
/// </summary>
public sealed class EnvironmentCredentialProvider : IRegistryCredentialProvider
{
    /// <summary>The user-name variable.</summary>
    public const string UsernameVariable = "PIPELINEGUARD_REGISTRY_USERNAME";

    /// <summary>The password (or token) variable.</summary>
    public const string PasswordVariable = "PIPELINEGUARD_REGISTRY_PASSWORD";

    /// <summary>The optional variable limiting the credentials to one registry host.</summary>
    public const string HostVariable = "PIPELINEGUARD_REGISTRY_HOST";

    private readonly Func<string, string?> _getVariable;

    /// <summary>Reads the process environment.</summary>
    public EnvironmentCredentialProvider()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads variables through <paramref name="getVariable"/> (for hosts with their own environment).</summary>
    public EnvironmentCredentialProvider(Func<string, string?> getVariable)
    {
        _getVariable = getVariable;
    }

    /// <inheritdoc />
    public RegistryCredentials? GetCredentials(string registry)
    {
        var user = _getVariable(UsernameVariable);
        var password = _getVariable(PasswordVariable);
        if (string.IsNullOrEmpty(user) || password is null)
        {
            return null;
        }

        var host = _getVariable(HostVariable);
        return string.IsNullOrEmpty(host) || string.Equals(host, registry, StringComparison.OrdinalIgnoreCase)
            ? new RegistryCredentials(user, password)
            : null;
    }
}
