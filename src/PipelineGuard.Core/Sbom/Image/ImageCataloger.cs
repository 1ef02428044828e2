using System.Text;
using PipelineGuard.Oci;

namespace PipelineGuard.Sbom.Image;

/// <summary>
/// Streams every layer of an image once (gzip, zstd or plain tar), merges whiteouts in memory, and runs the
/// catalogers of <see cref="ImagePackageCatalogers"/> (dpkg, apk, rpm <c>rpmdb.sqlite</c>, .NET <c>deps.json</c>) and
/// the os-release reader on the final filesystem. Nothing is extracted: memory holds only the package databases (bounded by
/// <see cref="ImageScanLimits"/>), and an rpmdb.sqlite is copied to a private temporary folder (SQLite reads files) and
/// deleted afterwards. Each layer's findings count only after its digest
/// was verified.
/// </summary>
public static class ImageCataloger
{
    /// <summary>
    /// Catalogues <paramref name="image"/> from <paramref name="store"/>, reporting each layer's bytes to
    /// <paramref name="progress"/>; throws <see cref="OciException"/> on unreadable, wrong or oversized content.
    /// </summary>
    public static async Task<ImageCatalog> CatalogAsync(IImageStore store, string repository, ResolvedImage image, string imageName, ImageScanLimits? limits = null, IProgress<ImageScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        limits ??= new ImageScanLimits();
        var layers = image.Manifest.Layers;
        if (layers.Count > limits.MaxLayers)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"{imageName} has {layers.Count} layers, more than the limit of {limits.MaxLayers}.");
        }

        var tracker = new ImageFileTracker(limits);
        var diagnostics = new List<SbomDiagnostic>();
        var scans = new List<ImageLayerScan>();
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var index = i;
            Action<long>? report = progress is null ? null : read => progress.Report(new ImageScanProgress(index, layers.Count, layer.Digest.ToString(), read, layer.Size));
            report?.Invoke(0);
            scans.Add(await ScanLayerAsync(store, repository, layer, tracker, limits, diagnostics, report, cancellationToken));
        }

        return Catalogue(imageName, image, tracker, scans, diagnostics);
    }

    private static async Task<ImageLayerScan> ScanLayerAsync(IImageStore store, string repository, OciDescriptor layer, ImageFileTracker tracker, ImageScanLimits limits, List<SbomDiagnostic> diagnostics, Action<long>? report, CancellationToken cancellationToken)
    {
        var digest = layer.Digest.ToString();
        var changes = tracker.BeginLayer(digest);
        var tarLimits = limits.TarLimitsFor(layer.Size);
        var verifying = await store.OpenBlobAsync(repository, layer.Digest, layer.Size, cancellationToken);
        Stream layerStream = report is null ? verifying : new ProgressReportingStream(verifying, report);
        long entries = 0;
        long unsafeEntries = 0;
        long uncompressed;
        await using (var tarStream = await LayerDecompression.OpenAsync(layerStream, layer.MediaType, cancellationToken))
        {
            using (var reader = new TarStreamReader(tarStream, tarLimits, leaveOpen: true))
            {
                try
                {
                    while (await reader.NextAsync(cancellationToken) is { } entry)
                    {
                        entries++;
                        var path = ImagePath.Normalize(entry.Name);
                        if (path is null)
                        {
                            unsafeEntries++;
                            continue;
                        }

                        await changes.AddAsync(path, entry, reader, cancellationToken);
                    }
                }
                catch (InvalidDataException ex)
                {
                    throw new OciException(OciErrorKind.Protocol, $"layer {digest}: the compressed data is corrupt ({ex.Message}).", ex);
                }
                catch (OciException ex) when (ex.Kind is OciErrorKind.Protocol or OciErrorKind.LimitExceeded)
                {
                    throw new OciException(ex.Kind, $"layer {digest}: {ex.Message}", ex);
                }

                uncompressed = reader.Position;
            }

            // Read past the end-of-archive marker so the whole blob passes through the digest check.
            uncompressed += await DrainAsync(tarStream, tarLimits.MaxUncompressedBytes - uncompressed, digest, cancellationToken);
        }

        if (!verifying.Verified)
        {
            await verifying.DrainAsync(cancellationToken);
        }

        if (!verifying.Verified)
        {
            throw new OciException(OciErrorKind.DigestMismatch, $"layer {digest} was not fully verified.");
        }

        report?.Invoke(layer.Size);

        if (unsafeEntries > 0)
        {
            diagnostics.Add(SbomDiagnostic.Warning("PGIMG001", $"layer {digest}: {unsafeEntries} entr{(unsafeEntries == 1 ? "y" : "ies")} with '..' or an empty path ignored (they would leave the image root)."));
        }

        changes.Commit();
        return new ImageLayerScan(layer.Digest, layer.MediaType, layer.Size, entries, uncompressed);
    }

    private static async Task<long> DrainAsync(Stream stream, long allowed, string digest, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > allowed)
                {
                    throw new OciException(OciErrorKind.LimitExceeded, $"layer {digest}: data after the end of the tar archive exceeds the uncompressed-size limit (decompression bomb?).");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new OciException(OciErrorKind.Protocol, $"layer {digest}: the compressed data is corrupt ({ex.Message}).", ex);
        }

        return total;
    }

    private static ImageCatalog Catalogue(string imageName, ResolvedImage image, ImageFileTracker tracker, List<ImageLayerScan> scans, List<SbomDiagnostic> diagnostics)
    {
        OsRelease? os = null;
        (string, string)? osSource = null;
        foreach (var path in new[] { "etc/os-release", "usr/lib/os-release" })
        {
            if (tracker.Resolve(path) is { Content: { } content } file)
            {
                os = OsRelease.Parse(Encoding.UTF8.GetString(content));
                osSource = ("/" + path, file.LayerDigest);
                if (os is not null)
                {
                    break;
                }
            }
        }

        var packages = new List<ImagePackage>();
        foreach (var path in tracker.Files.Keys.Order(StringComparer.Ordinal))
        {
            if (path is "etc/os-release" or "usr/lib/os-release")
            {
                continue;
            }

            var file = tracker.Resolve(path);
            if (file?.Content is null)
            {
                continue;
            }

            if (ImagePackageCatalogers.For(path) is not { } cataloger)
            {
                continue;
            }

            var output = cataloger.Read(file.Content, "/" + path, file.LayerDigest);
            packages.AddRange(output.Packages);
            if (output.Warning is { } warning)
            {
                diagnostics.Add(warning);
            }
        }

        var ordered = packages
            .OrderBy(p => p.Kind)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Version, StringComparer.Ordinal)
            .ThenBy(p => p.Location, StringComparer.Ordinal)
            .ToList();
        return new ImageCatalog
        {
            Image = imageName,
            Resolved = image,
            OperatingSystem = os,
            OperatingSystemSource = os is null ? null : osSource,
            Packages = ordered,
            Layers = scans,
            Diagnostics = diagnostics,
        };
    }
}
