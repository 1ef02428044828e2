namespace PipelineGuard.Gate;

/// <summary>
/// The policy's <c>licenses</c> section: which licences the SBOM's components may carry. An expression passes when
/// some choice its <c>OR</c>s allow uses only allowed licences (when <see cref="Allow"/> is given) and avoids every
/// denied one (<see cref="Deny"/>); see docs/policy.md, "Licences".
/// </summary>
public sealed record LicensePolicy
{
    /// <summary>Whether the policy has a <c>licenses</c> section; without one no licence is checked.</summary>
    public bool Enabled { get; init; }

    /// <summary>SPDX licences that may be used (<c>MIT</c>, <c>Apache-2.0</c>, <c>GPL-2.0-or-later WITH Classpath-exception-2.0</c>); empty allows any not denied.</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    /// <summary>SPDX licences, or families (<c>copyleft-strong</c>, <c>copyleft-weak</c>, <c>copyleft-network</c>, <c>copyleft</c>), that may not be used.</summary>
    public IReadOnlyList<string> Deny { get; init; } = [];

    /// <summary>The severity for a component whose licence is missing, not SPDX, a <c>LicenseRef-</c> or malformed: error, warning or off.</summary>
    public Severity Unknown { get; init; } = Severity.Warning;

    /// <summary>
    /// Which image SBOMs are judged besides the .NET SBOM (<c>licenses.images</c>: none, the default; produced; base;
    /// all). Image packages carry the licence their package database records (apk, rpm); dpkg records none, so a Debian
    /// package is unknown (PG5002).
    /// </summary>
    public Vulnerabilities.VulnerabilityImages Images { get; init; } = Vulnerabilities.VulnerabilityImages.None;
}
