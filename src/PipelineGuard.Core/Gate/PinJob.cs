using System.Text;
using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>What the pin job does with a Dockerfile.</summary>
public enum PinMode
{
    /// <summary>Resolve every unpinned tag and report the digests; write nothing.</summary>
    Resolve,

    /// <summary>Resolve and rewrite the file in place (only the image text changes, a byte-order mark is kept).</summary>
    Write,

    /// <summary>Only list what is not pinned by digest; contact no registry.</summary>
    Check,
}

/// <summary>What the pin job pins: one Dockerfile, how, and how registries are reached.</summary>
public sealed record PinJobOptions
{
    /// <summary>The Dockerfile.</summary>
    public required string Dockerfile { get; init; }

    /// <summary>Resolve, write or check.</summary>
    public PinMode Mode { get; init; } = PinMode.Resolve;

    /// <summary>The policy whose <c>registries</c> section (layouts, HTTP hosts) applies, or null.</summary>
    public GatePolicy? Policy { get; init; }

    /// <summary>How registries are reached.</summary>
    public ImageEvidenceOptions Evidence { get; init; } = new();

    /// <summary>
    /// A Notation trust policy each digest must verify with before it is pinned, or null: an image whose digest has no
    /// Notary Project signature the policy accepts is not pinned, and the job fails with the reason.
    /// </summary>
    public Signing.Notation.NotationTrust? VerifyWith { get; init; }
}

/// <summary>The pin job's outcome.</summary>
/// <param name="Pin">What pinning found, or null when the file could not be read.</param>
/// <param name="Written">Whether the file was rewritten.</param>
/// <param name="ReadError">Why the file could not be read (a usage error), or null.</param>
public sealed record PinJobResult(PinResult? Pin, bool Written, string? ReadError)
{
    /// <summary>Whether the job did what its mode asks: every image pinned (check) or every unpinned image resolved.</summary>
    public bool Succeeded(PinMode mode) => Pin is { } pin && (mode == PinMode.Check ? pin.AllPinned : pin.Resolved);
}

/// <summary>
/// The pin job the command line and the Cake alias share: reads the Dockerfile as bytes (remembering a UTF-8
/// byte-order mark), pins its <c>FROM</c> images and, for <see cref="PinMode.Write"/>, writes it back with the same mark.
/// </summary>
public static class PinJob
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Runs the job.</summary>
    public static async Task<PinJobResult> RunAsync(PinJobOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Dockerfile;
        string text;
        bool byteOrderMark;
        try
        {
            var bytes = await IO.InputFile.ReadAllBytesAsync(path, cancellationToken: cancellationToken);
            byteOrderMark = bytes.AsSpan().StartsWith(ByteOrderMark);
            var skip = byteOrderMark ? ByteOrderMark.Length : 0;
            text = new UTF8Encoding(false).GetString(bytes, skip, bytes.Length - skip);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PinJobResult(null, false, $"cannot read {path}: {e.Message}");
        }

        var evidence = options.Policy is null ? options.Evidence : GateEvidence.For(options.Evidence, options.Policy);
        using var collector = options.Mode == PinMode.Check ? null : new ImageEvidenceCollector([], evidence);
        var pin = await DockerfilePinner.PinAsync(text, path, collector, options.VerifyWith, cancellationToken);
        var written = false;
        if (options.Mode == PinMode.Write && pin.Error is null && pin.PinnedText != pin.OriginalText)
        {
            // Same bytes as before apart from the digests: keep a byte-order mark if the file had one. Written beside
            // the Dockerfile and renamed over it: a full disk leaves the old file as it was.
            try
            {
                await IO.AtomicFile.WriteTextAsync(path, pin.PinnedText, byteOrderMark, cancellationToken: cancellationToken);
                written = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                pin = pin with { Error = $"{path}: cannot write the pinned Dockerfile ({e.Message}); the file is unchanged." };
            }
        }

        return new PinJobResult(pin, written, null);
    }
}
