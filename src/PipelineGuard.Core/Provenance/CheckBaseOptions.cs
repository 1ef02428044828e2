namespace PipelineGuard.Provenance;

/// <summary>What <see cref="BaseImageChecker"/> checks: Dockerfiles, the rules, the trusted keys and how images are reached.</summary>
public sealed record CheckBaseOptions
{
    /// <summary>Dockerfiles to check.</summary>
    public required IReadOnlyList<string> Dockerfiles { get; init; }

    /// <summary>The base-image rules.</summary>
    public required BaseImageRules Rules { get; init; }

    /// <summary>Keys named by the rules, loaded.</summary>
    public IReadOnlyList<TrustedKey> Keys { get; init; } = [];

    /// <summary>Keyless identities named by the rules, resolved.</summary>
    public IReadOnlyList<TrustedIdentity> Identities { get; init; } = [];
    /// <summary>The Notation trust policies named by the rules, loaded.</summary>
    public IReadOnlyList<Signing.Notation.NotationTrust> Notation { get; init; } = [];

    /// <summary>How registries and layouts are reached.</summary>
    public ImageEvidenceOptions Evidence { get; init; } = new();

    /// <summary>The time ages are measured at.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>The assessments of every base image of one Dockerfile, or why the file could not be read.</summary>
/// <param name="Dockerfile">The file as given.</param>
/// <param name="Images">One assessment per <c>FROM</c> image, in file order.</param>
/// <param name="Error">Why the file could not be read or parsed, or null.</param>
public sealed record DockerfileAssessment(string Dockerfile, IReadOnlyList<BaseImageAssessment> Images, string? Error);

/// <summary>The result of <c>check-base</c>: passed only when every image of every file passed and every file could be read.</summary>
public sealed record CheckBaseResult(IReadOnlyList<DockerfileAssessment> Files)
{
    /// <summary>Whether everything passed.</summary>
    public bool Passed => Files.All(f => f.Error is null && f.Images.All(i => i.Passed));
}
