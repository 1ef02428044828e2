namespace PipelineGuard.Sbom.Image;

/// <summary>
/// A reader of one kind of package database in an image's final filesystem. The image scan keeps in memory only the
/// files some cataloger <see cref="Claims"/>, and hands each one, once, to that cataloger. Register a new one in
/// <see cref="ImagePackageCatalogers.All"/>.
/// </summary>
public interface IImagePackageCataloger
{
    /// <summary>The cataloger's name, as diagnostics and the docs call it (<c>dpkg</c>, <c>apk</c>).</summary>
    string Name { get; }

    /// <summary>The package kind it reports, or null for a cataloger that only reports what it cannot read.</summary>
    ImagePackageKind? Kind { get; }

    /// <summary>Whether this cataloger reads the file at <paramref name="path"/> (root-relative, no leading <c>/</c>).</summary>
    bool Claims(string path);

    /// <summary>The packages of <paramref name="content"/>, found at <paramref name="location"/> (absolute in the image) and last written by <paramref name="layerDigest"/>.</summary>
    ImageCatalogerOutput Read(byte[] content, string location, string layerDigest);
}

/// <summary>What a cataloger read from one file: its packages and, when part of it could not be read, a warning.</summary>
public sealed record ImageCatalogerOutput(IReadOnlyList<ImagePackage> Packages, SbomDiagnostic? Warning = null);
