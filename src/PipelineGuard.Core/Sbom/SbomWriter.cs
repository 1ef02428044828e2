namespace PipelineGuard.Sbom;

/// <summary>Writes a document in any of the supported formats, to a stream or to a file only when its content changed.</summary>
public static class SbomWriter
{
    /// <summary>Writes <paramref name="document"/> in <paramref name="format"/> (the spec version applies to CycloneDX).</summary>
    public static void Write(SbomDocument document, Stream stream, SbomFormat format, CycloneDxSpecVersion specVersion = CycloneDxSpecVersion.V1_6) =>
        SbomFormats.Get(format).Write(document, stream, specVersion);

    /// <summary>The file name suffix of a format: <c>.cdx.json</c>, <c>.cdx.xml</c> or <c>.spdx.json</c>.</summary>
    public static string Extension(SbomFormat format) => SbomFormats.Get(format).Extension;

    /// <summary>
    /// Writes the document to <paramref name="path"/> only if the bytes differ from what is there (so an incremental build
    /// sees no change), through a temporary file and a rename so a reader never sees a partial file.
    /// Returns true when the file was written.
    /// </summary>
    public static async Task<bool> WriteFileIfChangedAsync(SbomDocument document, string path, SbomFormat format, CycloneDxSpecVersion specVersion = CycloneDxSpecVersion.V1_6, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        // About 2.5 KB a component: sized up front so the buffer does not grow by copying (large objects are peak memory).
        using var buffer = new MemoryStream(4096 + (document.Components.Count * 2560));
        Write(document, buffer, format, specVersion);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (await SameContentAsync(path, bytes, cancellationToken))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await IO.AtomicFile.WriteAsync(path, bytes, cancellationToken: cancellationToken);
        return true;
    }

    private static async Task<bool> SameContentAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != bytes.Length)
        {
            return false;
        }

        var chunk = new byte[16384];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var offset = 0;
        while (offset < bytes.Length)
        {
            var read = await file.ReadAsync(chunk, cancellationToken);
            if (read == 0 || !chunk.AsSpan(0, read).SequenceEqual(bytes.Span.Slice(offset, Math.Min(read, bytes.Length - offset))))
            {
                return false;
            }

            offset += read;
        }

        return true;
    }
}
