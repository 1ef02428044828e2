namespace PipelineGuard.Sbom.Image;

/// <summary>The package database a component came from.</summary>
public enum ImagePackageKind
{
    /// <summary>dpkg (<c>var/lib/dpkg/status</c>, <c>status.d/</c>).</summary>
    Deb,

    /// <summary>apk (<c>lib/apk/db/installed</c>).</summary>
    Apk,

    /// <summary>rpm (<c>rpmdb.sqlite</c>).</summary>
    Rpm,

    /// <summary>NuGet, from a .NET application's <c>*.deps.json</c>.</summary>
    NuGet,
}

/// <summary>
/// A package found in an image's final filesystem, before it becomes an SBOM component: where it was read
/// (<see cref="Location"/>, an absolute path in the image) and which layer last wrote that file (<see cref="LayerDigest"/>).
/// </summary>
public sealed record ImagePackage(ImagePackageKind Kind, string Name, string Version, string Location, string LayerDigest)
{
    /// <summary>The package architecture (<c>amd64</c>, <c>x86_64</c>, <c>all</c>), when recorded.</summary>
    public string? Architecture { get; init; }

    /// <summary>The source package (dpkg <c>Source</c>, apk origin, rpm source RPM name), when different from the name.</summary>
    public string? Source { get; init; }

    /// <summary>Licence text as the database records it (apk <c>L:</c>, rpm LICENSE).</summary>
    public string? License { get; init; }

    /// <summary>The first line of the description.</summary>
    public string? Description { get; init; }

    /// <summary>The maintainer or packager.</summary>
    public string? Maintainer { get; init; }

    /// <summary>The rpm epoch, when present.</summary>
    public string? Epoch { get; init; }

    /// <summary>A SHA-512 of the package (NuGet <c>sha512</c>), lower-case hex.</summary>
    public string? Sha512 { get; init; }
}
