namespace PipelineGuard.Sbom.Image;

/// <summary>Reads apk's <c>lib/apk/db/installed</c>.</summary>
public static class ApkCataloger
{
    /// <summary>The packages of the database; entries without P: or V: are skipped.</summary>
    public static IReadOnlyList<ImagePackage> Parse(string text, string location, string layerDigest)
    {
        var packages = new List<ImagePackage>();
        foreach (var (_, fields) in ControlParagraphs.Read(text, apk: true))
        {
            if (!fields.TryGetValue("P", out var name) || !fields.TryGetValue("V", out var version) || name.Length == 0 || version.Length == 0)
            {
                continue;
            }

            var origin = fields.GetValueOrDefault("o");
            packages.Add(new ImagePackage(ImagePackageKind.Apk, name, version, location, layerDigest)
            {
                Architecture = fields.GetValueOrDefault("A"),
                Source = origin == name ? null : origin,
                License = fields.GetValueOrDefault("L"),
                Description = fields.GetValueOrDefault("T"),
                Maintainer = fields.GetValueOrDefault("m"),
            });
        }

        return packages;
    }
}
