using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>Which part of the gate reported a finding.</summary>
public enum FindingSource
{
    /// <summary>The policy itself (an expired exception).</summary>
    Policy,

    /// <summary>Dockerfile lint.</summary>
    Lint,

    /// <summary>A base image (<c>FROM</c>).</summary>
    BaseImage,

    /// <summary>An image the pipeline produced.</summary>
    Image,

    /// <summary>SBOM generation.</summary>
    Sbom,

    /// <summary>The secrets scan of build contexts, folders and packages.</summary>
    Secrets,
}

/// <summary>One thing the gate reports: a broken rule, or one that could not be checked.</summary>
public sealed record GateFinding
{
    /// <summary>The rule id (<c>PG3003</c>, <c>PG1003</c>, <c>DL3007</c>), as <see cref="PipelineGuard.Findings.RuleRegistry"/> declares it.</summary>
    public required string RuleId { get; init; }

    /// <summary>The severity after the policy's overrides.</summary>
    public required Severity Severity { get; init; }

    /// <summary>What is wrong and what to do.</summary>
    public required string Message { get; init; }

    /// <summary>Which part of the gate reported it.</summary>
    public required FindingSource Source { get; init; }

    /// <summary>The image the finding is about, or null.</summary>
    public string? Subject { get; init; }

    /// <summary>Where it is, or null.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>True when the rule's evidence could not be obtained rather than found wanting.</summary>
    public bool CouldNotCheck { get; init; }

    /// <summary>Whether this finding fails the gate (an error that no exception covers, or a lint finding at the failure threshold).</summary>
    public bool Blocking { get; init; }

    /// <summary>The policy exception that covers it, or null.</summary>
    public PolicyExemption? ExemptedBy { get; init; }

    /// <summary>For a vulnerability finding (PG6001): the advisory, the package and how it is pulled in.</summary>
    public FindingAdvisory? Advisory { get; init; }
}

/// <summary>The advisory behind a vulnerability finding.</summary>
/// <param name="Id">The advisory id (GHSA, CVE, DSA, ...).</param>
/// <param name="Aliases">Its other ids.</param>
/// <param name="Package">The affected component's package URL.</param>
/// <param name="Version">The component's version.</param>
/// <param name="FixedVersion">The first version with the fix, when the advisory names one.</param>
/// <param name="Path">How the SBOM's subject pulls the package in: <c>direct</c> or <c>via A -> B</c>.</param>
/// <param name="Severity">critical, high, medium, low or unknown.</param>
/// <param name="Score">The CVSS base score, when the advisory has a vector the gate can score.</param>
/// <param name="Sbom">Which SBOM the component is in: the project or the image reference.</param>
/// <param name="Vex">The VEX statement that suppressed it (status, justification and where it is), or null.</param>
public sealed record FindingAdvisory(string Id, IReadOnlyList<string> Aliases, string Package, string Version, string? FixedVersion, string Path, string Severity, double? Score, string Sbom, string? Vex);
