using System.Globalization;
using System.IO.Compression;

namespace PipelineGuard.Secrets;

/// <summary>Bounds of a package (zip) scan, against archive bombs: entries, total inflated bytes, inflation ratio and nesting.</summary>
public sealed record PackageScanLimits
{
    /// <summary>The most entries read from one archive (100,000); more makes the scan fail.</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>The most bytes inflated from one package, nested archives included (2 GiB); more makes the scan fail.</summary>
    public long MaxTotalBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The largest inflated-to-compressed ratio of an entry (200); a larger one is an archive bomb, not scanned.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>How deep archives inside the package are opened (2: a .zip inside a .nupkg is scanned, one inside that too).</summary>
    public int MaxNesting { get; init; } = 2;
}

/// <summary>
/// Secrets in a package: every file of a <c>.nupkg</c>, <c>.snupkg</c> or <c>.zip</c>, read from the archive without
/// extracting it, each entry through the same engine as a folder's files. Archives inside it (<c>.zip</c>,
/// <c>.nupkg</c>, <c>.jar</c>) are opened in turn, to <see cref="PackageScanLimits.MaxNesting"/>. An entry is never
/// inflated past <see cref="SecretScanLimits.MaxFileBytes"/> whatever size its header claims, an entry that inflates
/// beyond <see cref="PackageScanLimits.MaxCompressionRatio"/> is a note that makes the scan incomplete, and a package
/// past the entry or total-size bound fails with <see cref="SecretScanException"/>. Finding paths are the entry's path
/// in the package (<c>/</c>-separated), nested archives as <c>inner.zip!/path</c>.
/// </summary>
public static class PackageSecretScanner
{
    private static readonly string[] ArchiveExtensions = [".zip", ".nupkg", ".snupkg", ".jar", ".vsix"];

    /// <summary>Whether <paramref name="path"/> names a package this scanner reads (by extension).</summary>
    public static bool IsPackage(string path) => ArchiveExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Scans the package file <paramref name="path"/>; an unreadable or over-large package is <see cref="SecretScanException"/>.</summary>
    public static SecretScanResult Scan(string path, SecretScanLimits? limits = null, PackageScanLimits? packageLimits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= new SecretScanLimits();
        packageLimits ??= new PackageScanLimits();
        Stream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretScanException($"{path}: cannot be read ({e.Message}).");
        }

        using (file)
        {
            var scan = new Walker(limits, packageLimits, cancellationToken);
            try
            {
                scan.Archive(file, prefix: string.Empty, depth: 0, display: path);
            }
            catch (InvalidDataException e)
            {
                throw new SecretScanException($"{path}: not a readable zip archive ({e.Message}).");
            }

            return new SecretScanResult($"package {Path.GetFileName(path)}", scan.Findings, scan.Allowed, scan.Notes, scan.Files, scan.Bytes)
            {
                Archive = Path.GetFullPath(path),
            };
        }
    }

    private sealed class Walker(SecretScanLimits limits, PackageScanLimits packageLimits, CancellationToken cancellationToken)
    {
        public List<SecretFinding> Findings { get; } = [];

        public List<AllowedSecret> Allowed { get; } = [];

        public List<SecretScanNote> Notes { get; } = [];

        public int Files { get; private set; }

        public long Bytes { get; private set; }

        private long inflated;

        public void Archive(Stream stream, string prefix, int depth, string display)
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > packageLimits.MaxEntries)
            {
                throw new SecretScanException(string.Create(CultureInfo.InvariantCulture, $"{display}: {zip.Entries.Count} entries, more than the limit of {packageLimits.MaxEntries}."));
            }

            foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    continue;
                }

                var name = prefix + Normalise(entry.FullName);
                if (entry.Length > 0 && entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > packageLimits.MaxCompressionRatio)
                {
                    Notes.Add(new SecretScanNote(name, string.Create(CultureInfo.InvariantCulture, $"not scanned: inflates {entry.Length / entry.CompressedLength} times its compressed size, beyond the limit of {packageLimits.MaxCompressionRatio} (an archive bomb?)"), Incomplete: true));
                    continue;
                }

                var content = Read(entry, name);
                if (content is null)
                {
                    continue;
                }

                if (depth < packageLimits.MaxNesting && IsPackage(name) && LooksLikeZip(content))
                {
                    using var inner = new MemoryStream(content, writable: false);
                    try
                    {
                        Archive(inner, name + "!/", depth + 1, name);
                        continue;
                    }
                    catch (InvalidDataException)
                    {
                        Notes.Add(new SecretScanNote(name, "not opened: not a readable zip archive; scanned as a file", Incomplete: false));
                    }
                }
                else if (IsPackage(name) && LooksLikeZip(content))
                {
                    Notes.Add(new SecretScanNote(name, string.Create(CultureInfo.InvariantCulture, $"not opened: archives nested deeper than {packageLimits.MaxNesting} are not followed"), Incomplete: true));
                }

                Files++;
                Bytes += content.Length;
                Findings.AddRange(SecretContentScanner.Scan(name, content, Allowed));
            }
        }

        private byte[]? Read(ZipArchiveEntry entry, string name)
        {
            // The header's sizes are the archive's word, not a fact: read at most one byte past the cap, whatever it says.
            using var buffer = new MemoryStream();
            try
            {
                using var input = entry.Open();
                var chunk = new byte[81920];
                int read;
                while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    inflated += read;
                    if (inflated > packageLimits.MaxTotalBytes)
                    {
                        throw new SecretScanException(string.Create(CultureInfo.InvariantCulture, $"{name}: the package inflates past the limit of {packageLimits.MaxTotalBytes} bytes."));
                    }

                    if (buffer.Length > limits.MaxFileBytes)
                    {
                        Notes.Add(new SecretScanNote(name, string.Create(CultureInfo.InvariantCulture, $"not scanned: larger than the limit of {limits.MaxFileBytes} bytes"), Incomplete: true));
                        return null;
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException)
            {
                Notes.Add(new SecretScanNote(name, $"not scanned: the entry cannot be inflated ({e.Message})", Incomplete: true));
                return null;
            }

            return buffer.ToArray();
        }
    }

    private static bool LooksLikeZip(byte[] content) => content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K' && content[2] == 3 && content[3] == 4;

    // Zip entry names are '/'-separated by the format; some writers use '\'. A leading '/' or './' adds nothing.
    private static string Normalise(string entryName)
    {
        var name = entryName.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        return name.TrimStart('/');
    }
}
