using PipelineGuard.Secrets;

namespace PipelineGuard.Gate;

/// <summary>
/// The policy's <c>secrets</c> section: the gate scans each Dockerfile's build context (its folder, as
/// <c>.dockerignore</c> filters it) and the folders and packages the policy names, with an allow list; see
/// docs/policy.md, "Secrets".
/// </summary>
public sealed record SecretsPolicy
{
    /// <summary>Whether the policy has a <c>secrets</c> section (and it is not switched off); without one nothing is scanned.</summary>
    public bool Enabled { get; init; }

    /// <summary>Whether each Dockerfile's build context is scanned (default true).</summary>
    public bool Context { get; init; } = true;

    /// <summary>Folders, files and packages to scan as well, relative to the policy.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Findings allowed, each with a reason and an optional expiry.</summary>
    public IReadOnlyList<SecretAllowEntry> Allow { get; init; } = [];
}
