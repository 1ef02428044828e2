using System.Buffers;
using System.Text;

namespace PipelineGuard.Oci;

/// <summary>
/// A forward-only tar reader for untrusted archives (ustar, GNU long names, PAX): it never writes to disk, never
/// buffers more than one header, checks header checksums and bounds header sizes, entry counts and total bytes
/// (<see cref="TarLimits"/>). A cut-off archive throws <see cref="OciException"/> rather than ending quietly.
/// </summary>
public sealed class TarStreamReader : IDisposable
{
    private const int Block = 512;
    private readonly Stream _stream;
    private readonly TarLimits _limits;
    private readonly bool _leaveOpen;
    private readonly byte[] _header = new byte[Block];
    private readonly byte[] _skip;
    private long _position;
    private long _remaining;
    private long _padding;
    private long _entries;

    /// <summary>Reads <paramref name="stream"/> (seekable streams skip file data by seeking).</summary>
    public TarStreamReader(Stream stream, TarLimits? limits = null, bool leaveOpen = false)
    {
        _stream = stream;
        _limits = limits ?? new TarLimits();
        _leaveOpen = leaveOpen;
        _skip = ArrayPool<byte>.Shared.Rent(128 * 1024);
    }

    /// <summary>Bytes of the archive consumed so far.</summary>
    public long Position => _position;

    /// <summary>The next entry (skipping the rest of the current one), or null at the end of the archive.</summary>
    public async ValueTask<TarEntryHeader?> NextAsync(CancellationToken cancellationToken = default)
    {
        await SkipAsync(_remaining + _padding, cancellationToken);
        _remaining = 0;
        _padding = 0;
        string? longName = null;
        string? longLink = null;
        Dictionary<string, string>? pax = null;
        while (true)
        {
            var got = await ReadBlockAsync(_header, cancellationToken);
            if (got == 0)
            {
                return null;
            }

            if (got < Block)
            {
                throw Truncated("a header");
            }

            if (_header.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            {
                // End-of-archive marker; what follows (a second zero block, padding) is not read.
                return null;
            }

            if (!ChecksumMatches(_header))
            {
                throw new OciException(OciErrorKind.Protocol, $"tar header at offset {_position - Block} has a bad checksum: not a tar archive, or corrupt.");
            }

            if (++_entries > _limits.MaxEntries)
            {
                throw new OciException(OciErrorKind.LimitExceeded, $"tar archive has more than {_limits.MaxEntries} entries (limit).");
            }

            var type = (char)_header[156];
            var size = ParseNumber(_header.AsSpan(124, 12));
            if (size < 0)
            {
                throw new OciException(OciErrorKind.Protocol, $"tar header at offset {_position - Block} has an invalid size field.");
            }

            if (pax is not null && pax.TryGetValue("size", out var paxSize))
            {
                size = long.TryParse(paxSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0
                    ? s
                    : throw new OciException(OciErrorKind.Protocol, $"tar PAX header before offset {_position - Block} has an invalid size '{paxSize}'.");
            }

            if (size > long.MaxValue - _position - (2 * Block))
            {
                // As GNU tar and Go's archive/tar: a size the offset arithmetic cannot hold is a corrupt header.
                throw new OciException(OciErrorKind.Protocol, $"tar header at offset {_position - Block} has a size of {size} bytes, beyond any archive: corrupt.");
            }

            if (type is 'L' or 'K' or 'x' or 'g')
            {
                var data = await ReadMetadataAsync(size, type, cancellationToken);
                switch (type)
                {
                    case 'L':
                        longName = CString(data);
                        break;
                    case 'K':
                        longLink = CString(data);
                        break;
                    case 'x':
                        pax = ParsePax(data);
                        break;
                }

                continue;
            }

            var name = longName ?? HeaderName(_header);
            var link = longLink ?? CString(_header.AsSpan(157, 100));
            if (pax is not null)
            {
                name = pax.GetValueOrDefault("path", name);
                link = pax.GetValueOrDefault("linkpath", link);
            }

            var kind = type switch
            {
                '0' or '\0' or '7' => TarEntryKind.File,
                '5' => TarEntryKind.Directory,
                '2' => TarEntryKind.SymbolicLink,
                '1' => TarEntryKind.HardLink,
                _ => TarEntryKind.Other,
            };
            if (kind is TarEntryKind.Directory or TarEntryKind.SymbolicLink or TarEntryKind.HardLink)
            {
                // Only regular files (and unknown types, which are skipped) carry data.
                size = kind == TarEntryKind.HardLink ? 0 : size;
            }

            var mode = (int)Math.Max(0, ParseNumber(_header.AsSpan(100, 8)));
            _remaining = size;
            _padding = (Block - (size % Block)) % Block;
            if (size > _limits.MaxUncompressedBytes - _position)
            {
                throw new OciException(OciErrorKind.LimitExceeded, $"tar archive is larger than the limit of {_limits.MaxUncompressedBytes} uncompressed bytes (entry '{name}').");
            }

            return new TarEntryHeader(name, kind, size, link, mode, _position);
        }
    }

    /// <summary>Reads data of the current entry into <paramref name="buffer"/>; 0 at the end of the entry.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0 || buffer.Length == 0)
        {
            return 0;
        }

        var want = (int)Math.Min(buffer.Length, _remaining);
        var read = await _stream.ReadAsync(buffer[..want], cancellationToken);
        if (read == 0)
        {
            throw Truncated("file data");
        }

        _remaining -= read;
        _position += read;
        return read;
    }

    /// <summary>The whole data of the current entry, refused when larger than <paramref name="maxBytes"/>.</summary>
    public async ValueTask<byte[]> ReadAllAsync(long maxBytes, string what, CancellationToken cancellationToken = default)
    {
        if (_remaining > maxBytes)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"{what} is {_remaining} bytes, more than the limit of {maxBytes}.");
        }

        var data = new byte[_remaining];
        var offset = 0;
        while (offset < data.Length)
        {
            offset += await ReadAsync(data.AsMemory(offset), cancellationToken);
        }

        return data;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_skip);
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private async ValueTask<byte[]> ReadMetadataAsync(long size, char type, CancellationToken cancellationToken)
    {
        if (size > _limits.MaxHeaderBytes)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"tar {(type is 'x' or 'g' ? "PAX" : "GNU long-name")} header at offset {_position - Block} is {size} bytes, more than the limit of {_limits.MaxHeaderBytes}.");
        }

        var data = new byte[size];
        var read = 0;
        while (read < size)
        {
            var n = await _stream.ReadAsync(data.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                throw Truncated("an extended header");
            }

            read += n;
            _position += n;
        }

        await SkipAsync((Block - (size % Block)) % Block, cancellationToken);
        return data;
    }

    private async ValueTask<int> ReadBlockAsync(byte[] block, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < Block)
        {
            var n = await _stream.ReadAsync(block.AsMemory(read, Block - read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        _position += read;
        return read;
    }

    private async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return;
        }

        if (_stream.CanSeek)
        {
            if (_stream.Position + count > _stream.Length)
            {
                throw Truncated("file data");
            }

            _stream.Seek(count, SeekOrigin.Current);
            _position += count;
            return;
        }

        while (count > 0)
        {
            var n = await _stream.ReadAsync(_skip.AsMemory(0, (int)Math.Min(_skip.Length, count)), cancellationToken);
            if (n == 0)
            {
                throw Truncated("file data");
            }

            count -= n;
            _position += n;
        }
    }

    private OciException Truncated(string what)
        => new(OciErrorKind.Protocol, $"tar archive is truncated: it ends inside {what} at offset {_position}.");

    private static bool ChecksumMatches(byte[] header)
    {
        var stored = ParseNumber(header.AsSpan(148, 8));
        long unsigned = 0;
        long signed = 0;
        for (var i = 0; i < Block; i++)
        {
            var b = i is >= 148 and < 156 ? (byte)' ' : header[i];
            unsigned += b;
            signed += (sbyte)b;
        }

        return stored == unsigned || stored == signed;
    }

    /// <summary>Octal (NUL/space terminated) or GNU base-256 (high bit set); -1 when invalid.</summary>
    private static long ParseNumber(ReadOnlySpan<byte> field)
    {
        if (field.Length > 0 && (field[0] & 0x80) != 0)
        {
            if ((field[0] & 0x40) != 0)
            {
                return -1;
            }

            long value = field[0] & 0x3F;
            for (var i = 1; i < field.Length; i++)
            {
                if (value > (long.MaxValue >> 8))
                {
                    return -1;
                }

                value = (value << 8) | field[i];
            }

            return value;
        }

        long result = 0;
        var seen = false;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (seen)
                {
                    break;
                }

                continue;
            }

            if (b is < (byte)'0' or > (byte)'7' || result > (long.MaxValue >> 3))
            {
                return -1;
            }

            result = (result << 3) + (b - '0');
            seen = true;
        }

        return result;
    }

    private static string HeaderName(byte[] header)
    {
        var name = CString(header.AsSpan(0, 100));
        var isUstar = header.AsSpan(257, 5).SequenceEqual("ustar"u8);
        if (isUstar && header[345] != 0)
        {
            var prefix = CString(header.AsSpan(345, 155));
            return prefix + "/" + name;
        }

        return name;
    }

    private static string CString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    private static Dictionary<string, string> ParsePax(byte[] data)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < data.Length)
        {
            var space = Array.IndexOf(data, (byte)' ', i);
            if (space < 0 || !int.TryParse(Encoding.ASCII.GetString(data, i, space - i), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
                || length <= 0 || i + length > data.Length || data[i + length - 1] != '\n')
            {
                throw new OciException(OciErrorKind.Protocol, "tar PAX header is malformed.");
            }

            var record = Encoding.UTF8.GetString(data, space + 1, i + length - space - 2);
            var eq = record.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[record[..eq]] = record[(eq + 1)..];
            }

            i += length;
        }

        return result;
    }
}
