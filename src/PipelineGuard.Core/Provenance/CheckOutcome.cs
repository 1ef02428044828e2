namespace PipelineGuard.Provenance;

/// <summary>What one rule concluded about one image.</summary>
public enum CheckOutcome
{
    /// <summary>The rule holds.</summary>
    Pass,

    /// <summary>The rule is broken.</summary>
    Fail,

    /// <summary>The evidence the rule needs could not be obtained; a failure unless the policy downgrades it (fail closed).</summary>
    CouldNotCheck,
}
