using PipelineGuard.Findings;
using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>A base image named in a Dockerfile, with its assessment.</summary>
/// <param name="Dockerfile">The Dockerfile (relative to the gate's path).</param>
/// <param name="Assessment">Facts and checks.</param>
public sealed record BaseImageReport(string Dockerfile, BaseImageAssessment Assessment);

/// <summary>A produced image with its checks.</summary>
public sealed record ProducedImageReport(ProducedImageFacts Facts, IReadOnlyList<RuleCheck> Checks);

/// <summary>The gate's one result, which every report form (JSON, SARIF, Markdown, HTML, annotations) writes.</summary>
public sealed record GateResult
{
    /// <summary>The tool version that produced it.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>When the gate ran.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The policy file, relative to the gate's path, or null when the rules came from flags.</summary>
    public string? PolicyFile { get; init; }

    /// <summary>Dockerfiles that were checked, relative to the gate's path.</summary>
    public IReadOnlyList<string> Dockerfiles { get; init; } = [];

    /// <summary>Every finding, blocking or not, in report order.</summary>
    public IReadOnlyList<GateFinding> Findings { get; init; } = [];

    /// <summary>Every <c>FROM</c> image with its evidence.</summary>
    public IReadOnlyList<BaseImageReport> BaseImages { get; init; } = [];

    /// <summary>Produced images with their checks.</summary>
    public IReadOnlyList<ProducedImageReport> ProducedImages { get; init; } = [];

    /// <summary>The SBOM summary, or null when the SBOM step was off.</summary>
    public SbomSummary? Sbom { get; init; }

    /// <summary>
    /// The repository root that machine-read reports (SARIF, annotations, GitLab Code Quality) and the human-read ones
    /// give locations from, or null to give them as the findings hold them.
    /// </summary>
    public SourceRoot? Root { get; init; }

    /// <summary>The full path of the folder that locations, <see cref="PolicyFile"/> and <see cref="Dockerfiles"/> are relative to; null means <see cref="Root"/>.</summary>
    public string? LocationBase { get; init; }

    /// <summary>A path as the findings hold it (relative to <see cref="LocationBase"/>), relative to <see cref="Root"/> with <c>/</c> separators.</summary>
    public string FromRoot(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Root is null ? path : Root.Relative(path, LocationBase ?? Root.FullPath);
    }

    /// <summary>The files the run read besides the Dockerfiles and the project (policy, keys, lint configuration, OCI layouts), as full paths.</summary>
    public IReadOnlyList<string> InputFiles { get; init; } = [];

    /// <summary>Whether the outcome also depends on the day (exceptions expire, images age).</summary>
    public bool DependsOnDate { get; init; }

    /// <summary>Whether the gate passed: no blocking finding.</summary>
    public bool Passed => !Findings.Any(f => f.Blocking);

    /// <summary>Counts of findings by severity that no exception covers.</summary>
    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity && f.ExemptedBy is null);

    /// <summary>
    /// The one-line verdict every front end prints, so that the CLI, the MSBuild task (in or out of process) and Cake
    /// say the same thing: <c>pipelineguard gate: PASSED (1 warning(s), 2 base image(s) trusted)</c>.
    /// </summary>
    public string Summary => Passed
        ? $"pipelineguard gate: PASSED ({Count(Severity.Warning)} warning(s), {BaseImages.Count} base image(s) trusted)"
        : $"pipelineguard gate: FAILED ({Findings.Count(f => f.Blocking)} blocking finding(s))";
}
