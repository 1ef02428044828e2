using System.Text;

namespace PipelineGuard.Sbom.Image;

/// <summary>
/// Every image package cataloger, and the package-URL type of each package kind: adding a cataloger is one class and
/// one row here (plus its <see cref="ImagePackageKind"/> member when the kind is new).
/// </summary>
public static class ImagePackageCatalogers
{
    /// <summary>The catalogers, in the order their files are read.</summary>
    public static IReadOnlyList<IImagePackageCataloger> All { get; } =
    [
        new Text("dpkg", ImagePackageKind.Deb, IsDpkgStatus, DpkgCataloger.Parse),
        new Text("apk", ImagePackageKind.Apk, path => path == "lib/apk/db/installed", ApkCataloger.Parse),
        new Bytes("rpm", ImagePackageKind.Rpm, path => path is "var/lib/rpm/rpmdb.sqlite" or "usr/lib/sysimage/rpm/rpmdb.sqlite", RpmCataloger.Parse),
        new Bytes("deps.json", ImagePackageKind.NuGet, path => path.EndsWith(".deps.json", StringComparison.Ordinal), (content, location, layer) => DepsJsonCataloger.Parse(content, location, layer)),
        new Unreadable("rpm-berkeleydb", path => path is "var/lib/rpm/Packages" or "var/lib/rpm/Packages.db",
            location => $"{location}: a BerkeleyDB rpm database was found; only rpmdb.sqlite is read, so the SBOM lacks these rpm packages."),
    ];

    /// <summary>The package-URL type and default namespace of <paramref name="kind"/>.</summary>
    public static (string Type, string DefaultNamespace) PackageUrlType(ImagePackageKind kind) => kind switch
    {
        ImagePackageKind.Deb => ("deb", "debian"),
        ImagePackageKind.Apk => ("apk", "alpine"),
        ImagePackageKind.Rpm => ("rpm", "redhat"),
        ImagePackageKind.NuGet => ("nuget", string.Empty),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no package-URL type for this package kind"),
    };

    /// <summary>The cataloger that reads <paramref name="path"/>, if any.</summary>
    public static IImagePackageCataloger? For(string path)
    {
        foreach (var cataloger in All)
        {
            if (cataloger.Claims(path))
            {
                return cataloger;
            }
        }

        return null;
    }

    private static bool IsDpkgStatus(string path)
        => path == "var/lib/dpkg/status"
           || (path.StartsWith("var/lib/dpkg/status.d/", StringComparison.Ordinal) && path.IndexOf('/', 22) < 0 && !path.EndsWith(".md5sums", StringComparison.Ordinal));

    private static SbomDiagnostic Unlisted(string location, string layerDigest, string error)
        => SbomDiagnostic.Warning("PGIMG002", $"{location} (layer {layerDigest}): {error}; its packages are not listed.", location);

    /// <summary>A database in UTF-8 text.</summary>
    private sealed class Text(string name, ImagePackageKind kind, Func<string, bool> claims, Func<string, string, string, IReadOnlyList<ImagePackage>> parse) : IImagePackageCataloger
    {
        public string Name => name;

        public ImagePackageKind? Kind => kind;

        public bool Claims(string path) => claims(path);

        public ImageCatalogerOutput Read(byte[] content, string location, string layerDigest)
            => new(parse(Encoding.UTF8.GetString(content), location, layerDigest));
    }

    /// <summary>A binary database whose reader reports what it could not read.</summary>
    private sealed class Bytes(string name, ImagePackageKind kind, Func<string, bool> claims, Func<byte[], string, string, (IReadOnlyList<ImagePackage> Packages, string? Error)> parse) : IImagePackageCataloger
    {
        public string Name => name;

        public ImagePackageKind? Kind => kind;

        public bool Claims(string path) => claims(path);

        public ImageCatalogerOutput Read(byte[] content, string location, string layerDigest)
        {
            var (packages, error) = parse(content, location, layerDigest);
            return new(packages, error is null ? null : Unlisted(location, layerDigest, error));
        }
    }

    /// <summary>A database format that is recognised but not read: it gives a warning so the SBOM does not look complete.</summary>
    private sealed class Unreadable(string name, Func<string, bool> claims, Func<string, string> message) : IImagePackageCataloger
    {
        public string Name => name;

        public ImagePackageKind? Kind => null;

        public bool Claims(string path) => claims(path);

        public ImageCatalogerOutput Read(byte[] content, string location, string layerDigest)
            => new([], SbomDiagnostic.Warning("PGIMG003", message(location), location));
    }
}
