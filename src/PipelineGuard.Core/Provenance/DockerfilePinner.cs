using System.Text;
using PipelineGuard.Dockerfiles;

namespace PipelineGuard.Provenance;

/// <summary>One <c>FROM</c> image that pinning changes (or would change).</summary>
/// <param name="Line">1-based line of the image text.</param>
/// <param name="Before">The image text as written.</param>
/// <param name="After">The image text with <c>@sha256:...</c>, or null when it could not be resolved.</param>
/// <param name="Error">Why it could not be pinned, or null.</param>
public sealed record PinChange(int Line, string Before, string? After, string? Error);

/// <summary>The result of pinning one Dockerfile.</summary>
/// <param name="Dockerfile">The file.</param>
/// <param name="OriginalText">The text as read.</param>
/// <param name="PinnedText">The text with every resolvable image pinned; only the image spans differ from the original.</param>
/// <param name="Changes">Every image that was not pinned, in file order.</param>
/// <param name="Error">Why the file could not be read or parsed, or null.</param>
public sealed record PinResult(string Dockerfile, string OriginalText, string PinnedText, IReadOnlyList<PinChange> Changes, string? Error)
{
    /// <summary>Whether every image is pinned already (nothing to change, nothing failed).</summary>
    public bool AllPinned => Error is null && Changes.Count == 0;

    /// <summary>Whether every unpinned image could be resolved.</summary>
    public bool Resolved => Error is null && Changes.All(c => c.Error is null);
}

/// <summary>
/// The <c>pin</c> capability: rewrites <c>FROM image:tag</c> to <c>FROM image:tag@sha256:...</c> by replacing exactly the
/// image text's span, so comments, spacing, continuations and every other byte stay as they were.
/// </summary>
public static class DockerfilePinner
{
    /// <summary>
    /// Pins the images of <paramref name="text"/>. With <paramref name="collector"/> null nothing is resolved: the result
    /// only lists what is unpinned (for <c>--check</c>).
    /// </summary>
    /// <param name="text">The Dockerfile's text.</param>
    /// <param name="path">Its path, for messages.</param>
    /// <param name="collector">Resolves tags, or null to resolve nothing.</param>
    /// <param name="verifyWith">A Notation trust policy every digest must verify with before it is pinned, or null.</param>
    /// <param name="cancellationToken">Cancels the look-ups.</param>
    public static async Task<PinResult> PinAsync(string text, string path, ImageEvidenceCollector? collector, Signing.Notation.NotationTrust? verifyWith = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var syntax = DockerfileParser.Parse(text, path);
        if (!syntax.IsValid)
        {
            var first = syntax.Diagnostics[0];
            return new PinResult(path, text, text, [], $"{path}:{first.Span.Line}: {first.Message}");
        }

        var changes = new List<(DockerfileFrom From, PinChange Change)>();
        foreach (var image in DockerfileBaseImages.List(syntax, path))
        {
            if (image.Facts.IsScratch || image.Facts.WrittenDigest is not null)
            {
                continue;
            }

            var span = image.From.ImageSpan;
            var line = span.Line;
            if (image.Reference is null)
            {
                changes.Add((image.From, new PinChange(line, image.From.ImageText, null, image.Facts.ResolutionError)));
                continue;
            }

            if (span.Start < 0 || span.Start + span.Length > text.Length || text.Substring(span.Start, span.Length) != image.From.ImageText)
            {
                changes.Add((image.From, new PinChange(line, image.From.ImageText, null, "the image text is split over lines; join it onto one line to pin it")));
                continue;
            }

            if (collector is null)
            {
                changes.Add((image.From, new PinChange(line, image.From.ImageText, null, null)));
                continue;
            }

            var reference = image.Reference;
            var (digest, error) = await collector.ResolveDigestAsync(image.Facts.Name, reference.Registry, reference.Repository, reference.Tag ?? "latest", verifyWith, cancellationToken);
            changes.Add((image.From, new PinChange(line, image.From.ImageText, digest is null ? null : $"{image.From.ImageText}@{digest}", error)));
        }

        var pinned = new StringBuilder(text.Length + (changes.Count * 72));
        var position = 0;
        foreach (var (from, change) in changes.Where(c => c.Change.After is not null).OrderBy(c => c.From.ImageSpan.Start))
        {
            pinned.Append(text, position, from.ImageSpan.Start - position).Append(change.After);
            position = from.ImageSpan.Start + from.ImageSpan.Length;
        }

        pinned.Append(text, position, text.Length - position);
        return new PinResult(path, text, pinned.ToString(), changes.Select(c => c.Change).ToList(), null);
    }
}
