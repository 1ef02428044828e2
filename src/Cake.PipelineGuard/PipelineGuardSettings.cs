namespace Cake.PipelineGuard;

/// <summary>What every PipelineGuard alias's settings have in common.</summary>
public abstract class PipelineGuardSettings
{
    /// <summary>
    /// Throw a <see cref="Cake.Core.CakeException"/> when the check fails or cannot be completed (the default), which
    /// stops the build. When false, the failure is logged and returned in the result for the script to decide.
    /// </summary>
    public bool FailOnError { get; set; } = true;
}

/// <summary>Fluent helpers shared by every settings class.</summary>
public static class PipelineGuardSettingsExtensions
{
    /// <summary>Sets <see cref="PipelineGuardSettings.FailOnError"/>.</summary>
    /// <typeparam name="TSettings">The settings type.</typeparam>
    /// <param name="settings">The settings.</param>
    /// <param name="failOnError">Whether a failure throws (true) or is only logged and returned (false).</param>
    /// <returns>The same settings, for chaining.</returns>
    public static TSettings WithFailOnError<TSettings>(this TSettings settings, bool failOnError = true)
        where TSettings : PipelineGuardSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.FailOnError = failOnError;
        return settings;
    }
}
