namespace PipelineGuard.Oci;

/// <summary>
/// Credentials from environment variables: <c>PIPELINEGUARD_REGISTRY_USERNAME</c> and
/// <c>PIPELINEGUARD_REGISTRY_PASSWORD</c>. They are scoped to one host: the one named in
/// <c>PIPELINEGUARD_REGISTRY_HOST</c> when that is set, else the registry the command targets directly (the
/// <c>commandTarget</c> given to the constructor), else none. A registry named in a Dockerfile or a policy never
/// receives them unless it is that host.
/// </summary>
public sealed class EnvironmentCredentialProvider : IRegistryCredentialProvider
{
    /// <summary>The user-name variable.</summary>
    public const string UsernameVariable = "PIPELINEGUARD_REGISTRY_USERNAME";

    /// <summary>The password (or token) variable.</summary>
    public const string PasswordVariable = "PIPELINEGUARD_REGISTRY_PASSWORD";

    /// <summary>The variable naming the one registry host the credentials are for.</summary>
    public const string HostVariable = "PIPELINEGUARD_REGISTRY_HOST";

    private readonly Func<string, string?> _getVariable;
    private readonly string? _commandTarget;

    /// <summary>Reads the process environment; the credentials go only to <c>PIPELINEGUARD_REGISTRY_HOST</c>.</summary>
    public EnvironmentCredentialProvider()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>
    /// Reads variables through <paramref name="getVariable"/> (for hosts with their own environment). Without
    /// <c>PIPELINEGUARD_REGISTRY_HOST</c>, the credentials go to <paramref name="commandTarget"/> only (the registry of the
    /// reference the command was given), or nowhere when that is null.
    /// </summary>
    public EnvironmentCredentialProvider(Func<string, string?> getVariable, string? commandTarget = null)
    {
        _getVariable = getVariable;
        _commandTarget = commandTarget;
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
        var scope = string.IsNullOrEmpty(host) ? _commandTarget : host;
        return scope is not null && SameHost(scope, registry) ? new RegistryCredentials(user, password) : null;
    }

    private static bool SameHost(string a, string b) => string.Equals(Normalise(a), Normalise(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string host) => host is "index.docker.io" or "registry-1.docker.io" ? ImageReference.DockerHub : host;
}
