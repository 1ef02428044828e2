namespace PipelineGuard.Vulnerabilities.Vex;

/// <summary>A VEX status, in OpenVEX's words (CycloneDX's analysis states map onto them).</summary>
internal enum VexStatus
{
    /// <summary><c>not_affected</c> (CycloneDX <c>not_affected</c>, <c>false_positive</c>): suppresses, with a justification.</summary>
    NotAffected,

    /// <summary><c>fixed</c> (CycloneDX <c>resolved</c>, <c>resolved_with_pedigree</c>): suppresses.</summary>
    Fixed,

    /// <summary><c>affected</c> (CycloneDX <c>exploitable</c>): the finding stays.</summary>
    Affected,

    /// <summary><c>under_investigation</c> (CycloneDX <c>in_triage</c>): the finding stays.</summary>
    UnderInvestigation,
}

/// <summary>
/// A product a statement covers: a purl or BOM ref; with <see cref="Within"/>, a subcomponent of that product (OpenVEX
/// <c>subcomponents</c>), covered only in an SBOM whose subject is that product.
/// </summary>
internal sealed record VexProduct(string Id, string? Within = null);

/// <summary>One statement: a vulnerability (with aliases), the products it covers, the status and why.</summary>
internal sealed record VexStatement(
    string Vulnerability,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<VexProduct> Products,
    VexStatus Status,
    string? Justification,
    string Origin)
{
    /// <summary>Whether the statement takes the finding out: <c>not_affected</c> or <c>fixed</c>.</summary>
    public bool Suppresses => Status is VexStatus.NotAffected or VexStatus.Fixed;

    /// <summary>The status as OpenVEX spells it.</summary>
    public string StatusName => Status switch
    {
        VexStatus.NotAffected => "not_affected",
        VexStatus.Fixed => "fixed",
        VexStatus.Affected => "affected",
        _ => "under_investigation",
    };
}
