namespace PipelineGuard.Dockerfiles;

/// <summary>The parts of an image reference as written in FROM: registry (null for Docker Hub), repository, tag and digest.</summary>
internal readonly record struct ImageName(string? Registry, string Repository, string? Tag, string? Digest)
{
    public static ImageName Parse(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        string? registry = null;
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = image[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                registry = first;
                image = image[(slash + 1)..];
            }
        }

        string? tag = null;
        var colon = image.LastIndexOf(':');
        if (colon >= 0 && colon > image.LastIndexOf('/'))
        {
            tag = image[(colon + 1)..];
            image = image[..colon];
        }

        return new ImageName(registry, image, tag, digest);
    }
}
