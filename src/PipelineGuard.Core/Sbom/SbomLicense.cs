namespace PipelineGuard.Sbom;

/// <summary>
/// A component's licence: an SPDX expression kept whole, a single SPDX id, or a name with an optional URL for licences
/// that are not SPDX (a licence file in the package, a bare licence URL). Create with the factory methods.
/// </summary>
public sealed record SbomLicense
{
    private SbomLicense(SbomLicenseKind kind, string value, string? url)
    {
        Kind = kind;
        Value = value;
        Url = url;
    }

    /// <summary>How the licence is stated.</summary>
    public SbomLicenseKind Kind { get; }

    /// <summary>The expression, the SPDX id, or the name.</summary>
    public string Value { get; }

    /// <summary>Where the licence text is, when known.</summary>
    public string? Url { get; }

    /// <summary>An SPDX licence expression, never split into ids.</summary>
    public static SbomLicense Expression(string expression) => new(SbomLicenseKind.Expression, expression, null);

    /// <summary>A single valid SPDX licence id (use <see cref="SpdxLicenseList.IsValidId"/> to check it).</summary>
    public static SbomLicense SpdxId(string id, string? url = null) => new(SbomLicenseKind.SpdxId, id, url);

    /// <summary>A licence that is not SPDX: its name and, when known, a URL.</summary>
    public static SbomLicense Named(string name, string? url = null) => new(SbomLicenseKind.Named, name, url);
}
