namespace PipelineGuard.Signing;

/// <summary>How the signed docker-reference must relate to the image reference used.</summary>
public enum IdentityMatch
{
    /// <summary>Any identity is accepted (cosign's default with a key).</summary>
    Any = 0,

    /// <summary>The repositories must be the same; tags are ignored (what cosign signs).</summary>
    RepositoryOnly,

    /// <summary>The references must be the same, tag included.</summary>
    Exact,
}

/// <summary>An identity requirement: the image reference the signature must name, and how strictly.</summary>
public sealed record IdentityPolicy(IdentityMatch Match, string Reference)
{
    /// <summary>No identity requirement.</summary>
    public static IdentityPolicy None { get; } = new(IdentityMatch.Any, string.Empty);

    /// <summary>Checks a signed docker-reference against this policy.</summary>
    public VerificationResult Check(string signedReference)
    {
        if (Match == IdentityMatch.Any)
        {
            return VerificationResult.Valid("no identity required");
        }

        var signed = DockerReferenceName.Normalise(signedReference);
        var wanted = DockerReferenceName.Normalise(Reference);
        var ok = Match == IdentityMatch.Exact ? signed.Full == wanted.Full : signed.Repository == wanted.Repository;
        return ok
            ? VerificationResult.Valid($"identity {signedReference} matches {Reference}")
            : VerificationResult.Reject(VerificationFailure.IdentityMismatch,
                $"signed docker-reference '{signedReference}' does not match '{Reference}' ({(Match == IdentityMatch.Exact ? "exact match" : "same repository")} required)");
    }
}
