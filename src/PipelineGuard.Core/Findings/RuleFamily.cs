namespace PipelineGuard.Findings;

/// <summary>The family a rule belongs to; each family owns a block of ids (docs/policy.md, "Rule ids").</summary>
public enum RuleFamily
{
    /// <summary>PG0xxx: the gate's own steps (an expired exception, a step that could not run).</summary>
    GateStep,

    /// <summary>DLxxxx: hadolint's Dockerfile rules, under hadolint's ids.</summary>
    Hadolint,

    /// <summary>PG1xxx: PipelineGuard's Dockerfile security rules (lint).</summary>
    DockerfileSecurity,

    /// <summary>PG2xxx: rules for the images the pipeline produces.</summary>
    ProducedImage,

    /// <summary>PG3xxx: rules for every <c>FROM</c> image.</summary>
    BaseImage,

    /// <summary>PG4xxx: secrets found in build contexts, images and packages.</summary>
    Secrets,

    /// <summary>PG5xxx: licences.</summary>
    Licences,

    /// <summary>PG6xxx: known vulnerabilities.</summary>
    Vulnerabilities,
}
