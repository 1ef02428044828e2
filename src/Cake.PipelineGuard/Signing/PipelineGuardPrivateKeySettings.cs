using Cake.Core.IO;

namespace Cake.PipelineGuard;

/// <summary>
/// Settings of aliases that sign with a private key. The key password comes from <see cref="KeyPassword"/>, else the
/// variable named by <see cref="KeyPasswordVariable"/>, else <c>PIPELINEGUARD_PASSWORD</c>, then <c>COSIGN_PASSWORD</c>.
/// It is never logged.
/// </summary>
public abstract class PipelineGuardPrivateKeySettings : PipelineGuardSettings
{
    /// <summary>The private key file (cosign's encrypted format, PKCS#8 or EC PEM).</summary>
    public FilePath? Key { get; set; }

    /// <summary>The key password (from the build's secret store). Never logged.</summary>
    public string? KeyPassword { get; set; }

    /// <summary>The environment variable holding the key password, when it is not <c>PIPELINEGUARD_PASSWORD</c> or <c>COSIGN_PASSWORD</c>.</summary>
    public string? KeyPasswordVariable { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} {{ Key = {Key}, KeyPassword = {(KeyPassword is null ? "(unset)" : "***")} }}";
}

/// <summary>Fluent helpers for <see cref="PipelineGuardPrivateKeySettings"/>.</summary>
public static class PipelineGuardPrivateKeySettingsExtensions
{
    /// <summary>Sets the private key file.</summary>
    public static TSettings WithKey<TSettings>(this TSettings settings, FilePath key)
        where TSettings : PipelineGuardPrivateKeySettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Key = key;
        return settings;
    }

    /// <summary>Sets the key password (for example from the build's secret store); it is never logged.</summary>
    public static TSettings WithKeyPassword<TSettings>(this TSettings settings, string password)
        where TSettings : PipelineGuardPrivateKeySettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.KeyPassword = password;
        return settings;
    }

    /// <summary>Reads the key password from the environment variable <paramref name="variable"/>.</summary>
    public static TSettings WithKeyPasswordVariable<TSettings>(this TSettings settings, string variable)
        where TSettings : PipelineGuardPrivateKeySettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.KeyPasswordVariable = variable;
        return settings;
    }
}
