using PipelineGuard.Oci;

namespace PipelineGuard.Sbom.Image;

/// <summary>Passes reads through and reports the running byte count, at most once per <see cref="Step"/> bytes and once at the end.</summary>
internal sealed class ProgressReportingStream(Stream inner, Action<long> report) : ForwardOnlyReadStream(inner)
{
    private const long Step = 256 * 1024;

    private long _read;
    private long _reported;
    private bool _ended;

    public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Count(await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    private int Count(int n)
    {
        _read += n;
        if ((n == 0 && !_ended) || _read - _reported >= Step)
        {
            _ended |= n == 0;
            _reported = _read;
            report(_read);
        }

        return n;
    }
}
