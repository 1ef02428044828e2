using PipelineGuard.IO;

namespace PipelineGuard.Secrets;

/// <summary>Bounds of a secrets scan.</summary>
public sealed record SecretScanLimits
{
    /// <summary>The largest file whose content is scanned (32 MiB); a larger one is a note and makes the scan incomplete.</summary>
    public long MaxFileBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>The most files looked at (1,000,000).</summary>
    public int MaxFiles { get; init; } = 1_000_000;

    /// <summary>The deepest folder nesting followed (64).</summary>
    public int MaxDepth { get; init; } = 64;
}

/// <summary>
/// Reads a folder's files for the secrets scan: regular files only, each at most <see cref="SecretScanLimits.MaxFileBytes"/>.
/// Symbolic links are not followed (one pointing out of the folder is a note; one inside is scanned where it points);
/// FIFOs, devices and sockets are notes, never opened so as to block; an unreadable file is a note that makes the scan
/// incomplete. A <c>.git</c> folder is not a source of shipped files and is skipped.
/// </summary>
public static class SecretFolderScanner
{
    /// <summary>One file of a folder, as the walk found it.</summary>
    /// <param name="FullPath">The file's full path.</param>
    /// <param name="RelativePath">Its path relative to the folder, <c>/</c>-separated.</param>
    public sealed record FolderFile(string FullPath, string RelativePath);

    /// <summary>Scans every file under <paramref name="folder"/>.</summary>
    public static SecretScanResult Scan(string folder, SecretScanLimits? limits = null, bool skipGit = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        limits ??= new SecretScanLimits();
        var notes = new List<SecretScanNote>();
        var files = Walk(folder, notes, limits, skipGit, cancellationToken);
        return ScanFiles($"folder {folder}", files, notes, limits, _ => null, cancellationToken) with { BaseFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) };
    }

    /// <summary>Scans <paramref name="files"/>; <paramref name="evidence"/> names what ships each one (or null).</summary>
    public static SecretScanResult ScanFiles(string target, IEnumerable<FolderFile> files, List<SecretScanNote> notes, SecretScanLimits limits, Func<FolderFile, string?> evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(evidence);
        var findings = new List<SecretFinding>();
        var allowed = new List<AllowedSecret>();
        var scanned = 0;
        long bytes = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[] content;
            try
            {
                content = InputFile.ReadAllBytes(file.FullPath, limits.MaxFileBytes);
            }
            catch (InputFileException e) when (e.Message.Contains("limit", StringComparison.Ordinal))
            {
                notes.Add(new SecretScanNote(file.RelativePath, $"not scanned: larger than the limit of {limits.MaxFileBytes} bytes", Incomplete: true));
                continue;
            }
            catch (InputFileException)
            {
                notes.Add(new SecretScanNote(file.RelativePath, "not scanned: not a regular file (a FIFO, device or socket)", Incomplete: false));
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                notes.Add(new SecretScanNote(file.RelativePath, $"not scanned: cannot be read ({e.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal)})", Incomplete: true));
                continue;
            }

            scanned++;
            bytes += content.Length;
            var found = SecretContentScanner.Scan(file.RelativePath, content, allowed);
            if (evidence(file) is { } shippedBy)
            {
                found = [.. found.Select(f => f with { Evidence = shippedBy })];
            }

            findings.AddRange(found);
        }

        return new SecretScanResult(target, findings, allowed, notes, scanned, bytes);
    }

    /// <summary>The regular files under <paramref name="folder"/>, in ordinal path order, with notes for what is not followed.</summary>
    public static List<FolderFile> Walk(string folder, List<SecretScanNote> notes, SecretScanLimits limits, bool skipGit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(limits);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{folder}: no such folder.");
        }

        var files = new List<FolderFile>();
        var pending = new Stack<(string Path, string Relative, int Depth)>();
        pending.Push((root, string.Empty, 0));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, relative, depth) = pending.Pop();
            FileSystemInfo[] entries;
            try
            {
                entries = new DirectoryInfo(directory).GetFileSystemInfos();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                notes.Add(new SecretScanNote(relative.Length == 0 ? "." : relative, "folder not scanned: cannot be listed", Incomplete: true));
                continue;
            }

            foreach (var entry in entries.OrderByDescending(e => e.Name, StringComparer.Ordinal))
            {
                var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                if (entry.LinkTarget is not null)
                {
                    var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                    var inside = target is not null && (target.FullName == root || target.FullName.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
                    notes.Add(new SecretScanNote(path, inside ? "symbolic link not followed (its target inside the folder is scanned itself)" : "symbolic link to outside the folder: not followed", Incomplete: false));
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    if (skipGit && entry.Name == ".git")
                    {
                        continue;
                    }

                    if (depth + 1 > limits.MaxDepth)
                    {
                        notes.Add(new SecretScanNote(path, $"folder not scanned: deeper than {limits.MaxDepth} levels", Incomplete: true));
                        continue;
                    }

                    pending.Push((entry.FullName, path, depth + 1));
                    continue;
                }

                if (files.Count >= limits.MaxFiles)
                {
                    notes.Add(new SecretScanNote(path, $"not scanned: more than {limits.MaxFiles} files", Incomplete: true));
                    return files;
                }

                files.Add(new FolderFile(entry.FullName, path));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }
}
