using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>One gate run: where, under which policy, and where the SBOM goes.</summary>
public sealed record GateOptions
{
    /// <summary>The folder the gate checks (Dockerfiles are found here; report paths are relative to it).</summary>
    public required string Path { get; init; }

    /// <summary>The policy.</summary>
    public required GatePolicy Policy { get; init; }

    /// <summary>Where the SBOM is written, or null to only count it.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The time expiry dates and image ages are measured at.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Registry client settings; the policy's <c>registries</c> section adds HTTP registries and layouts.</summary>
    public ImageEvidenceOptions Evidence { get; init; } = new();

    /// <summary>Environment variables (for the hadolint configuration's <c>HADOLINT_*</c> settings and <c>SOURCE_DATE_EPOCH</c>).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Told before each check and once when all are done (Done equals Total), for a progress display; null for none.</summary>
    public IProgress<GateProgress>? Progress { get; init; }

    /// <summary>Where to write an OpenVEX document of the vulnerability findings the policy's exceptions cover (not_affected, the reason as impact statement); null writes none.</summary>
    public string? VexOutputFile { get; init; }

    /// <summary>
    /// Adds the NuGet feed's vulnerability data to the .NET SBOM when the policy's <c>vulnerabilities.sources</c> names
    /// <c>nuget-feed</c> (the command line passes the NuGet enricher); returns the document with its <c>vulnerabilities</c>,
    /// or the errors. Null: a <c>nuget-feed</c> source is reported as could not check.
    /// </summary>
    public Func<Sbom.SbomDocument, CancellationToken, Task<(Sbom.SbomDocument? Document, IReadOnlyList<string> Errors)>>? FeedVulnerabilities { get; init; }
}

/// <summary>A gate run: the result, or configuration errors that stopped it (exit code 2).</summary>
/// <param name="Result">The result, when the run could start.</param>
/// <param name="ConfigurationErrors">Problems in the configuration (an unreadable key, a bad lint configuration).</param>
public sealed record GateRun(GateResult? Result, IReadOnlyList<string> ConfigurationErrors);
