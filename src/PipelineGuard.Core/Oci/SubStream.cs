namespace PipelineGuard.Oci;

/// <summary>A read-only window of <paramref name="length"/> bytes of a seekable stream from <paramref name="offset"/>; owns the inner stream.</summary>
internal sealed class SubStream(Stream inner, long offset, long length) : Stream
{
    private long _position;
    private bool _positioned;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset1, int count) => Read(buffer.AsSpan(offset1, count));

    public override int Read(Span<byte> buffer)
    {
        EnsurePositioned();
        var want = (int)Math.Min(buffer.Length, length - _position);
        if (want <= 0)
        {
            return 0;
        }

        var read = inner.Read(buffer[..want]);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsurePositioned();
        var want = (int)Math.Min(buffer.Length, length - _position);
        if (want <= 0)
        {
            return 0;
        }

        var read = await inner.ReadAsync(buffer[..want], cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset1, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset1, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset1, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset1, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void EnsurePositioned()
    {
        if (!_positioned)
        {
            inner.Seek(offset, SeekOrigin.Begin);
            _positioned = true;
        }
    }
}
