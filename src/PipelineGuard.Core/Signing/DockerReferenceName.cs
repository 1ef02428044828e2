using PipelineGuard.Oci;

namespace PipelineGuard.Signing;

/// <summary>
/// Normalises the docker-reference of a signature the way Docker names images (<c>ubuntu</c> is
/// <c>docker.io/library/ubuntu</c>), so identities compare by meaning, not spelling. The split is
/// <see cref="ImageReference.Split"/>'s; a signed reference is compared even when it is not a valid one.
/// </summary>
internal static class DockerReferenceName
{
    /// <summary>The normalised reference with tag or digest, and the repository part alone.</summary>
    public static (string Full, string Repository) Normalise(string reference)
    {
        var parts = ImageReference.Split(reference);
        if (parts.Registry == ImageReference.DockerHubEndpoint)
        {
            // The Docker Hub API host names the same repositories as docker.io.
            parts = parts with { Registry = null };
        }

        var repository = parts.NormalisedName;
        var suffix = (parts.Tag is null ? string.Empty : ":" + parts.Tag) + (parts.Digest is null ? string.Empty : "@" + parts.Digest);
        return (repository + suffix, repository);
    }
}
