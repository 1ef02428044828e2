using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace PipelineGuard.IO;

/// <summary>
/// Opens and reads the files the tool is given (policies, keys, bundles, Dockerfiles, configuration, layouts,
/// archives): only regular files, never more than a size cap. A FIFO or socket is refused before anything waits on it
/// (it is opened without blocking); a device that yields data while claiming no size (<c>/dev/zero</c>) is refused at
/// its first bytes. Failures are <see cref="InputFileException"/>, an <see cref="IOException"/> naming the file.
/// </summary>
public static class InputFile
{
    /// <summary>The default cap for a document read whole (policy, configuration, Dockerfile, bundle, assets file): 64 MiB.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>The cap for key files: 1 MiB.</summary>
    public const long MaxKeyBytes = 1024 * 1024;

    /// <summary>Opens <paramref name="path"/> for reading; refuses anything but a regular file.</summary>
    public static FileStream OpenRead(string path, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        var handle = OpenHandle(path, options);
        try
        {
            var stream = new FileStream(handle, FileAccess.Read, Math.Max(bufferSize, 1));
            if (!stream.CanSeek)
            {
                stream.Dispose();
                throw NotRegular(path);
            }

            return stream;
        }
        catch (Exception) when (handle.IsClosed)
        {
            throw;
        }
        catch (IOException)
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of <paramref name="path"/>, at most <paramref name="maxBytes"/>.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes = DefaultMaxBytes)
    {
        using var stream = OpenRead(path, 1);
        var declared = stream.Length;
        Check(path, declared, maxBytes);
        using var buffer = new MemoryStream(declared > 0 ? (int)declared : 0);
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            Append(path, buffer, chunk, read, declared, maxBytes);
        }

        return buffer.ToArray();
    }

    /// <summary>The bytes of <paramref name="path"/>, at most <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAllBytesAsync(string path, long maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        await using var stream = OpenRead(path, 1, FileOptions.Asynchronous);
        var declared = stream.Length;
        Check(path, declared, maxBytes);
        using var buffer = new MemoryStream(declared > 0 ? (int)declared : 0);
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            Append(path, buffer, chunk, read, declared, maxBytes);
        }

        return buffer.ToArray();
    }

    /// <summary>The text of <paramref name="path"/> (UTF-8 unless a byte-order mark says otherwise), at most <paramref name="maxBytes"/> bytes.</summary>
    public static string ReadAllText(string path, long maxBytes = DefaultMaxBytes) => Decode(ReadAllBytes(path, maxBytes));

    /// <summary>The text of <paramref name="path"/> (UTF-8 unless a byte-order mark says otherwise), at most <paramref name="maxBytes"/> bytes.</summary>
    public static async Task<string> ReadAllTextAsync(string path, long maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
        => Decode(await ReadAllBytesAsync(path, maxBytes, cancellationToken));

    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static void Check(string path, long declared, long maxBytes)
    {
        if (declared > maxBytes)
        {
            throw new InputFileException(path, $"{path}: the file is {declared} bytes, more than the limit of {maxBytes}.");
        }
    }

    private static void Append(string path, MemoryStream buffer, byte[] chunk, int read, long declared, long maxBytes)
    {
        if (declared == 0)
        {
            // A regular file that claims no size has none: data from it means a device such as /dev/zero.
            throw NotRegular(path);
        }

        if (buffer.Length + read > maxBytes)
        {
            throw new InputFileException(path, $"{path}: the file is larger than the limit of {maxBytes} bytes.");
        }

        buffer.Write(chunk, 0, read);
    }

    private static InputFileException NotRegular(string path)
        => new(path, $"{path}: not a regular file (a FIFO, device or socket); give the path of a file.");

    private static SafeFileHandle OpenHandle(string path, FileOptions options)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InputFileException(path ?? string.Empty, "an empty path was given where a file is expected.");
        }

        if (Directory.Exists(path))
        {
            throw new InputFileException(path, $"{path}: is a directory, not a file.");
        }

        var nonBlocking = OperatingSystem.IsLinux() ? 0x800 : OperatingSystem.IsMacOS() ? 0x4 : -1;
        if (nonBlocking < 0)
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, options);
        }

        if (!File.Exists(path))
        {
            // The ordinary open gives the ordinary FileNotFoundException or DirectoryNotFoundException.
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, options);
        }

        // Opened without blocking: a FIFO without a writer would otherwise wait forever in open(2).
        var cloexec = OperatingSystem.IsLinux() ? 0x80000 : 0x1000000;
        var name = Encoding.UTF8.GetBytes(path + "\0");
        var fd = Native.Open(ref MemoryMarshal.GetArrayDataReference(name), nonBlocking | cloexec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                2 => new FileNotFoundException($"{path}: no such file.", path),
                13 => new UnauthorizedAccessException($"{path}: permission denied."),
                _ => new InputFileException(path, $"{path}: cannot be opened (error {errno})."),
            };
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(ref byte path, int flags);
    }
}

/// <summary>An input file that is not a regular file or is larger than its cap; the message names the file.</summary>
public sealed class InputFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    public InputFileException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    /// <summary>The file.</summary>
    public string Path { get; }
}
