using PipelineGuard.Oci;

namespace Cake.PipelineGuard;

/// <summary>
/// Settings of aliases that talk to a registry. Credentials come from <see cref="RegistryUserName"/> and
/// <see cref="RegistryPassword"/> when set, else from the environment and Docker's config as the command line reads them.
/// </summary>
public interface IPipelineGuardRegistrySettings
{
    /// <summary>Talk to the registry over plain HTTP (cosign's <c>--allow-http-registry</c>); HTTPS only by default.</summary>
    bool AllowHttpRegistry { get; set; }

    /// <summary>The registry user name, or null to use the environment and Docker's config.</summary>
    string? RegistryUserName { get; set; }

    /// <summary>The registry password or token. Never logged.</summary>
    string? RegistryPassword { get; set; }
}

/// <summary>Fluent helpers for <see cref="IPipelineGuardRegistrySettings"/>.</summary>
public static class PipelineGuardRegistrySettingsExtensions
{
    /// <summary>Allows plain HTTP to the registry.</summary>
    public static TSettings WithAllowHttpRegistry<TSettings>(this TSettings settings, bool allow = true)
        where TSettings : IPipelineGuardRegistrySettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.AllowHttpRegistry = allow;
        return settings;
    }

    /// <summary>Sets the registry credentials; the password is never logged.</summary>
    public static TSettings WithRegistryCredentials<TSettings>(this TSettings settings, string userName, string password)
        where TSettings : IPipelineGuardRegistrySettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.RegistryUserName = userName;
        settings.RegistryPassword = password;
        return settings;
    }

    internal static RegistryClientOptions ToRegistryOptions(this IPipelineGuardRegistrySettings settings) => new()
    {
        AllowHttp = settings.AllowHttpRegistry,
        Credentials = settings.RegistryUserName is null
            ? null
            : new CredentialChain(new StaticCredentialProvider(new RegistryCredentials(settings.RegistryUserName, settings.RegistryPassword ?? string.Empty)), CredentialChain.Default()),
    };
}
