namespace PipelineGuard.Gate;

/// <summary>How much a finding matters. Errors fail the gate; warnings and notes are reported only.</summary>
public enum Severity
{
    /// <summary>The rule is switched off.</summary>
    Off,

    /// <summary>Information.</summary>
    Note,

    /// <summary>Reported, does not fail the gate.</summary>
    Warning,

    /// <summary>Fails the gate.</summary>
    Error,
}
