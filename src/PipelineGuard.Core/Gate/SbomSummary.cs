namespace PipelineGuard.Gate;

/// <summary>What the SBOM step produced, counted for the report.</summary>
/// <param name="File">The SBOM file written, or null.</param>
/// <param name="Components">Number of components.</param>
/// <param name="ByLicense">Component counts by licence (SPDX id or expression; <c>unknown</c> when none).</param>
/// <param name="ByScope">Component counts by scope (<c>required</c>, <c>optional</c>, <c>excluded</c>).</param>
public sealed record SbomSummary(string? File, int Components, IReadOnlyDictionary<string, int> ByLicense, IReadOnlyDictionary<string, int> ByScope);
