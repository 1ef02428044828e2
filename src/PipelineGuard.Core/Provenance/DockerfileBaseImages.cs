using PipelineGuard.Dockerfiles;
using PipelineGuard.Oci;

namespace PipelineGuard.Provenance;

/// <summary>A <c>FROM</c> image of a Dockerfile, with where it is written and its parsed reference.</summary>
/// <param name="From">The FROM as the parser gives it (span of the image text, ARG-resolved text).</param>
/// <param name="Facts">The facts known without a registry: reference parts and location, or why the reference is unusable.</param>
/// <param name="Reference">The parsed reference, or null when the text is not a valid image reference (or is <c>scratch</c>).</param>
public sealed record DockerfileBaseImage(DockerfileFrom From, BaseImageFacts Facts, ImageReference? Reference);

/// <summary>Lists the base images of a Dockerfile: every <c>FROM</c> except stage aliases, with ARG defaults applied.</summary>
public static class DockerfileBaseImages
{
    /// <summary>The base images of <paramref name="syntax"/>; <paramref name="displayPath"/> is the file name used in locations.</summary>
    public static IReadOnlyList<DockerfileBaseImage> List(DockerfileSyntax syntax, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        var images = new List<DockerfileBaseImage>();
        foreach (var from in syntax.GetFromInstructions().Where(f => !f.IsStageReference))
        {
            var span = from.ImageSpan;
            var location = new SourceLocation(displayPath, span.Line, span.Column, span.EndLine == span.Line ? span.EndColumn : span.Column + from.ImageText.Length);
            if (from.IsScratch)
            {
                images.Add(new DockerfileBaseImage(from, new BaseImageFacts { Written = "scratch", IsScratch = true, Location = location }, null));
                continue;
            }

            if (!from.IsFullyResolved)
            {
                images.Add(new DockerfileBaseImage(from, new BaseImageFacts
                {
                    Written = from.ResolvedImage,
                    Location = location,
                    ResolutionError = $"'{from.ImageText}' uses a build argument with no default, so the image is not known until build time; give the ARG a default",
                }, null));
                continue;
            }

            if (!ImageReference.TryParse(from.ResolvedImage, out var reference, out var error))
            {
                images.Add(new DockerfileBaseImage(from, new BaseImageFacts
                {
                    Written = from.ResolvedImage,
                    Location = location,
                    ResolutionError = $"'{from.ResolvedImage}' is not a valid image reference: {error}",
                }, null));
                continue;
            }

            images.Add(new DockerfileBaseImage(from, new BaseImageFacts
            {
                Written = from.ResolvedImage,
                Location = location,
                Registry = reference.Registry,
                Repository = reference.Repository,
                Tag = reference.Tag,
                WrittenDigest = reference.Digest?.ToString(),
            }, reference));
        }

        return images;
    }
}
