using System.Text;

namespace PipelineGuard.IO;

/// <summary>
/// Writes a file whole or not at all: the bytes go to a temporary file beside the target (created new, with the
/// requested mode from the start), are flushed to disk, and the temporary file is then renamed over the target. A full
/// disk or any other failure leaves the old file as it was and no partial or empty file behind; a symbolic link at the
/// target is replaced, never written through.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; <paramref name="unixMode"/> is the new file's mode (default: as the process creates files).</summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, UnixFileMode? unixMode = null, CancellationToken cancellationToken = default)
        => WriteAsync(path, bytes, unixMode, wrap: null, cancellationToken);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> synchronously (for callers that are not asynchronous).</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes, UnixFileMode? unixMode = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (unixMode is { } mode && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var file = new FileStream(temporary, options))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (with a byte-order mark only when <paramref name="byteOrderMark"/>).</summary>
    public static Task WriteTextAsync(string path, string text, bool byteOrderMark = false, UnixFileMode? unixMode = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoding = new UTF8Encoding(byteOrderMark);
        return WriteAsync(path, (byte[])[.. encoding.GetPreamble(), .. encoding.GetBytes(text)], unixMode, cancellationToken);
    }

    /// <summary>The write, with the temporary file's stream passed through <paramref name="wrap"/> (tests inject a full disk there).</summary>
    internal static async Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, UnixFileMode? unixMode, Func<Stream, Stream>? wrap, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (unixMode is { } mode && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            await using (var file = new FileStream(temporary, options))
            await using (var stream = wrap?.Invoke(file) ?? file)
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
