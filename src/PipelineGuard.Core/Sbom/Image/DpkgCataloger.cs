namespace PipelineGuard.Sbom.Image;

/// <summary>Reads dpkg's <c>var/lib/dpkg/status</c> and distroless <c>var/lib/dpkg/status.d/*</c> files.</summary>
public static class DpkgCataloger
{
    /// <summary>Installed packages in one status file; paragraphs without Package or Version are skipped, not-installed ones too.</summary>
    public static IReadOnlyList<ImagePackage> Parse(string text, string location, string layerDigest)
    {
        var packages = new List<ImagePackage>();
        foreach (var (_, fields) in ControlParagraphs.Read(text, apk: false))
        {
            if (!fields.TryGetValue("Package", out var name) || !fields.TryGetValue("Version", out var version) || name.Length == 0 || version.Length == 0)
            {
                continue;
            }

            // Status is "want flag state"; only "installed" counts. Distroless status.d entries have no Status at all.
            if (fields.TryGetValue("Status", out var status) && !status.EndsWith(" installed", StringComparison.Ordinal))
            {
                continue;
            }

            string? source = null;
            if (fields.TryGetValue("Source", out var sourceField) && sourceField.Length > 0)
            {
                var space = sourceField.IndexOf(' ', StringComparison.Ordinal);
                source = space < 0 ? sourceField : sourceField[..space];
                if (source == name)
                {
                    source = null;
                }
            }

            packages.Add(new ImagePackage(ImagePackageKind.Deb, name, version, location, layerDigest)
            {
                Architecture = fields.GetValueOrDefault("Architecture"),
                Source = source,
                Maintainer = fields.GetValueOrDefault("Maintainer"),
                Description = fields.GetValueOrDefault("Description")?.Split('\n')[0],
            });
        }

        return packages;
    }
}
