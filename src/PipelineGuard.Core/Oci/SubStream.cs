namespace PipelineGuard.Oci;

/// <summary>A read-only window of <paramref name="length"/> bytes of a seekable stream from <paramref name="offset"/>; owns the inner stream.</summary>
internal sealed class SubStream(Stream inner, long offset, long length) : ForwardOnlyReadStream(inner)
{
    private long _position;
    private bool _positioned;

    public override long Length => length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        EnsurePositioned();
        var want = (int)Math.Min(buffer.Length, length - _position);
        if (want <= 0)
        {
            return 0;
        }

        var read = Inner.Read(buffer[..want]);
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

        var read = await Inner.ReadAsync(buffer[..want], cancellationToken);
        _position += read;
        return read;
    }

    private void EnsurePositioned()
    {
        if (!_positioned)
        {
            Inner.Seek(offset, SeekOrigin.Begin);
            _positioned = true;
        }
    }
}
