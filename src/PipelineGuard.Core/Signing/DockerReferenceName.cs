namespace PipelineGuard.Signing;

/// <summary>
/// Normalises the docker-reference of a signature the way Docker names images (<c>ubuntu</c> is
/// <c>docker.io/library/ubuntu</c>), so identities compare by meaning, not spelling.
/// </summary>
internal static class DockerReferenceName
{
    /// <summary>The normalised reference with tag or digest, and the repository part alone.</summary>
    public static (string Full, string Repository) Normalise(string reference)
    {
        var rest = reference;
        var suffix = string.Empty;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            suffix = rest[at..];
            rest = rest[..at];
        }

        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            suffix = rest[colon..] + suffix;
            rest = rest[..colon];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : rest[..slash];
        string repository;
        if (slash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            repository = first is "index.docker.io" or "registry-1.docker.io" ? "docker.io" + rest[slash..] : rest;
        }
        else
        {
            repository = "docker.io/" + (slash < 0 ? "library/" + rest : rest);
        }

        if (repository.StartsWith("docker.io/", StringComparison.Ordinal) && repository.IndexOf('/', "docker.io/".Length) < 0)
        {
            repository = "docker.io/library/" + repository["docker.io/".Length..];
        }

        return (repository + suffix, repository);
    }
}
