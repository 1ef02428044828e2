namespace PipelineGuard.Oci;

/// <summary>
/// A read-only stream that hashes what passes through it and, when the inner stream ends, checks the digest and the
/// expected size. A mismatch, too many bytes or a premature end throw <see cref="OciException"/>, so a reader that
/// consumes the stream to its end never accepts wrong content. Results derived from the data must be used only after
/// the end has been read.
/// </summary>
public sealed class DigestVerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly Digest _expected;
    private readonly long _expectedSize;
    private readonly long _maxSize;
    private readonly System.Security.Cryptography.IncrementalHash _hash;
    private readonly bool _leaveOpen;
    private long _read;
    private bool _verified;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="expectedSize"/> is -1 when unknown; <paramref name="maxSize"/> caps the bytes read.</summary>
    public DigestVerifyingStream(Stream inner, Digest expected, long expectedSize, long maxSize = long.MaxValue, bool leaveOpen = false)
    {
        _inner = inner;
        _expected = expected;
        _expectedSize = expectedSize;
        _maxSize = maxSize;
        _leaveOpen = leaveOpen;
        _hash = expected.CreateHash();
        if (expectedSize > maxSize)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"blob {expected} declares {expectedSize} bytes, more than the limit of {maxSize} bytes; raise the limit if this image is expected.");
        }
    }

    /// <summary>Whether the whole content has been read and matched its digest.</summary>
    public bool Verified => _verified;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var read = ReadInner(buffer, out var done);
        return done ? read : Account(buffer[..read]);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_verified || buffer.Length == 0)
        {
            return 0;
        }

        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException ex)
        {
            throw Truncated(ex);
        }
        catch (System.Net.Http.HttpRequestException ex)
        {
            throw Truncated(ex);
        }

        return Account(buffer.Span[..read]);
    }

    private int ReadInner(Span<byte> buffer, out bool done)
    {
        done = _verified || buffer.Length == 0;
        if (done)
        {
            return 0;
        }

        try
        {
            return _inner.Read(buffer);
        }
        catch (IOException ex)
        {
            throw Truncated(ex);
        }
        catch (System.Net.Http.HttpRequestException ex)
        {
            throw Truncated(ex);
        }
    }

    private int Account(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            Finish();
            return 0;
        }

        _read += data.Length;
        if (_read > _maxSize)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"blob {_expected} is larger than the limit of {_maxSize} bytes; raise the limit if this image is expected.");
        }

        if (_expectedSize >= 0 && _read > _expectedSize)
        {
            throw new OciException(OciErrorKind.DigestMismatch, $"blob {_expected} is longer than its declared size {_expectedSize}: content rejected.");
        }

        _hash.AppendData(data);
        return data.Length;
    }

    private void Finish()
    {
        if (_expectedSize >= 0 && _read != _expectedSize)
        {
            throw new OciException(OciErrorKind.DigestMismatch, $"blob {_expected} ended after {_read} of {_expectedSize} bytes (truncated): content rejected.");
        }

        var actual = Digest.FromHash(_expected.Algorithm, _hash.GetHashAndReset());
        if (actual != _expected)
        {
            throw new OciException(OciErrorKind.DigestMismatch, $"blob content has digest {actual}, not the expected {_expected}: content rejected.");
        }

        _verified = true;
    }

    private OciException Truncated(Exception ex)
        => new(OciErrorKind.Unreachable, $"reading blob {_expected} failed after {_read} bytes: {ex.Message}", ex);

    /// <summary>Reads whatever is left (so the digest is checked) without keeping it.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
