using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>What the check-base job checks: Dockerfiles under a policy's base-image rules.</summary>
public sealed record CheckBaseJobOptions
{
    /// <summary>The Dockerfiles, as the front end names them (findings name them the same way).</summary>
    public required IReadOnlyList<string> Dockerfiles { get; init; }

    /// <summary>The policy: its <c>baseImages</c> rules, its keys (resolved against its folder) and its <c>registries</c> section.</summary>
    public required GatePolicy Policy { get; init; }

    /// <summary>How registries are reached; the policy's <c>registries</c> section adds HTTP hosts and layouts.</summary>
    public ImageEvidenceOptions Evidence { get; init; } = new();

    /// <summary>The time image ages and exception expiry dates are measured at.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Reads an environment variable (the CI checkout folders that locate the repository root).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The folder relative Dockerfile names are relative to: the current directory by default.</summary>
    public string? WorkingDirectory { get; init; }
}

/// <summary>
/// The check-base job that the command line, the Cake alias and the gate share: loads the trusted keys, checks every
/// <c>FROM</c> of every Dockerfile and judges the findings under the policy (severities, exceptions).
/// </summary>
public static class CheckBaseJob
{
    /// <summary>The error when the policy has no base-image rule at all: a check of nothing would pass silently.</summary>
    public const string NoRulesError = "no base-image rules: give a policy with baseImages rules (see docs/policy.md)";

    /// <summary>Runs the job: the result, or the configuration errors that stopped it (no rules, a key that cannot be read).</summary>
    public static async Task<GateRun> RunAsync(CheckBaseJobOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = options.Policy;
        var rules = policy.BaseImages;
        if (!rules.HasRules)
        {
            return new GateRun(null, [NoRulesError]);
        }

        var (keys, keyError) = await TrustedKey.LoadAsync(rules.KeyNames, policy.ResolvePath, cancellationToken);
        if (keyError is not null)
        {
            return new GateRun(null, [keyError]);
        }

        var checkedFiles = await BaseImageChecker.CheckAsync(new CheckBaseOptions
        {
            Dockerfiles = options.Dockerfiles,
            Rules = rules,
            Keys = keys,
            Evidence = GateEvidence.For(options.Evidence, policy),
            Now = options.Now,
        }, cancellationToken);

        var builder = new GateResultBuilder(policy, options.Now);
        foreach (var file in checkedFiles.Files)
        {
            if (file.Error is not null)
            {
                builder.AddStepFailure(FindingSource.BaseImage, file.Error);
            }

            foreach (var image in file.Images)
            {
                builder.AddBaseImage(file.Dockerfile, image);
            }
        }

        // Report locations are given from the repository root that holds the (first) Dockerfile, as the gate gives them.
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? System.Environment.CurrentDirectory);
        var first = options.Dockerfiles.Count > 0 ? Path.GetDirectoryName(Path.GetFullPath(options.Dockerfiles[0], workingDirectory)) : null;
        var root = Findings.SourceRoot.Find(first ?? workingDirectory, options.Environment, workingDirectory);
        return new GateRun(builder.Build() with { Root = root, LocationBase = workingDirectory }, []);
    }
}
