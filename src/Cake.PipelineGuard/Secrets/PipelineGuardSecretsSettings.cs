using Cake.Core.IO;

namespace Cake.PipelineGuard;

/// <summary>Options of <c>PipelineGuardSecrets</c>: what is scanned besides the path (an image or a build context), and where the report goes.</summary>
public sealed class PipelineGuardSecretsSettings : PipelineGuardSettings
{
    /// <summary>Scan this image's config and every layer instead of a path (a registry reference, <c>oci:DIR[:TAG]</c>).</summary>
    public string? Image { get; set; }

    /// <summary>With a folder path: scan it as the build context of this Dockerfile, filtered by its <c>.dockerignore</c>.</summary>
    public FilePath? Dockerfile { get; set; }

    /// <summary>Allow a plain-HTTP registry for <see cref="Image"/>.</summary>
    public bool AllowHttpRegistry { get; set; }

    /// <summary>Write a report here; its form follows the extension (<c>.sarif</c>, <c>.json</c>, <c>.md</c>, <c>.html</c>), text otherwise.</summary>
    public FilePath? Report { get; set; }
}

/// <summary>Fluent setters of <see cref="PipelineGuardSecretsSettings"/>.</summary>
public static class PipelineGuardSecretsSettingsExtensions
{
    /// <summary>Sets <see cref="PipelineGuardSecretsSettings.Image"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="image">The image.</param>
    /// <returns>The same settings.</returns>
    public static PipelineGuardSecretsSettings WithImage(this PipelineGuardSecretsSettings settings, string image)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Image = image;
        return settings;
    }

    /// <summary>Sets <see cref="PipelineGuardSecretsSettings.Dockerfile"/>: the path is scanned as this Dockerfile's build context.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="dockerfile">The Dockerfile.</param>
    /// <returns>The same settings.</returns>
    public static PipelineGuardSecretsSettings WithDockerfile(this PipelineGuardSecretsSettings settings, FilePath dockerfile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Dockerfile = dockerfile;
        return settings;
    }

    /// <summary>Sets <see cref="PipelineGuardSecretsSettings.AllowHttpRegistry"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="allow">Whether plain HTTP is allowed.</param>
    /// <returns>The same settings.</returns>
    public static PipelineGuardSecretsSettings WithAllowHttpRegistry(this PipelineGuardSecretsSettings settings, bool allow = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.AllowHttpRegistry = allow;
        return settings;
    }

    /// <summary>Sets <see cref="PipelineGuardSecretsSettings.Report"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="report">The report file.</param>
    /// <returns>The same settings.</returns>
    public static PipelineGuardSecretsSettings WithReport(this PipelineGuardSecretsSettings settings, FilePath report)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Report = report;
        return settings;
    }
}
