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
}
