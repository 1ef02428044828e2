namespace PipelineGuard.Sbom;

/// <summary>What a component is (CycloneDX component types).</summary>
public enum SbomComponentType
{
    /// <summary>A library (a NuGet package, a deb, ...).</summary>
    Library,

    /// <summary>An application (a .NET project that builds an executable, a tool).</summary>
    Application,

    /// <summary>A framework.</summary>
    Framework,

    /// <summary>A container image.</summary>
    Container,

    /// <summary>An operating system (the distribution of an image).</summary>
    OperatingSystem,

    /// <summary>A file.</summary>
    File,

    /// <summary>A platform.</summary>
    Platform,

    /// <summary>Data.</summary>
    Data,
}

/// <summary>Whether a component is needed at run time (CycloneDX scope).</summary>
public enum SbomScope
{
    /// <summary>Needed at run time.</summary>
    Required,

    /// <summary>Used only when present.</summary>
    Optional,

    /// <summary>Not shipped: development-only (build, test, analyzers).</summary>
    Excluded,
}

/// <summary>Hash algorithms the writers know.</summary>
public enum SbomHashAlgorithm
{
    /// <summary>SHA-1.</summary>
    Sha1,

    /// <summary>SHA-256.</summary>
    Sha256,

    /// <summary>SHA-384.</summary>
    Sha384,

    /// <summary>SHA-512.</summary>
    Sha512,

    /// <summary>MD5.</summary>
    Md5,
}

/// <summary>Kinds of external reference (a subset of CycloneDX's, each with an SPDX counterpart where one exists).</summary>
public enum SbomExternalReferenceType
{
    /// <summary>The project's web site.</summary>
    Website,

    /// <summary>The source repository (URL, optionally with a commit in the comment).</summary>
    Vcs,

    /// <summary>Where the package is distributed.</summary>
    Distribution,

    /// <summary>The licence text.</summary>
    License,

    /// <summary>Documentation.</summary>
    Documentation,

    /// <summary>The issue tracker.</summary>
    IssueTracker,

    /// <summary>Security advisories.</summary>
    Advisories,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>How a licence is stated.</summary>
public enum SbomLicenseKind
{
    /// <summary>An SPDX licence expression, kept whole (<c>MIT OR Apache-2.0</c>).</summary>
    Expression,

    /// <summary>A single valid SPDX licence id (<c>MIT</c>).</summary>
    SpdxId,

    /// <summary>A licence that is not SPDX: a name and, when known, a URL (licence file in the package, licence URL).</summary>
    Named,
}

/// <summary>The CycloneDX specification versions the writers produce.</summary>
public enum CycloneDxSpecVersion
{
    /// <summary>CycloneDX 1.6.</summary>
    V1_6,

    /// <summary>CycloneDX 1.7.</summary>
    V1_7,
}

/// <summary>Output formats.</summary>
public enum SbomFormat
{
    /// <summary>CycloneDX JSON (<c>.cdx.json</c>).</summary>
    CycloneDxJson,

    /// <summary>CycloneDX XML (<c>.cdx.xml</c>).</summary>
    CycloneDxXml,

    /// <summary>SPDX 2.3 JSON (<c>.spdx.json</c>).</summary>
    SpdxJson,
}

/// <summary>CycloneDX composition aggregates used by PipelineGuard.</summary>
public enum SbomCompositionAggregate
{
    /// <summary>The dependency lists named are complete.</summary>
    Complete,

    /// <summary>The dependency lists named are known to lack dependencies (for example packages restore could not resolve).</summary>
    Incomplete,

    /// <summary>Nothing is known about their completeness.</summary>
    Unknown,
}
