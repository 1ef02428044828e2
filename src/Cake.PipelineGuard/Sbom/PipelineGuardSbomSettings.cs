using Cake.Core.IO;
using PipelineGuard.Sbom;

namespace Cake.PipelineGuard;

/// <summary>Settings for <see cref="PipelineGuardAliases.PipelineGuardSbom(Cake.Core.ICakeContext, FilePath, PipelineGuardSbomSettings)"/>.</summary>
public sealed class PipelineGuardSbomSettings : PipelineGuardSettings
{
    /// <summary>The SBOM file to write. For a solution without <see cref="Merge"/>, use <see cref="OutputDirectory"/> instead.</summary>
    public FilePath? OutputFile { get; set; }

    /// <summary>The folder to write <c>&lt;project&gt;.cdx.json</c> (or <c>.cdx.xml</c>, <c>.spdx.json</c>) into; the working directory when neither output is set.</summary>
    public DirectoryPath? OutputDirectory { get; set; }

    /// <summary>The format: CycloneDX JSON (default), CycloneDX XML or SPDX 2.3 JSON.</summary>
    public SbomFormat Format { get; set; } = SbomFormat.CycloneDxJson;

    /// <summary>The CycloneDX version (1.6 by default).</summary>
    public CycloneDxSpecVersion SpecVersion { get; set; } = CycloneDxSpecVersion.V1_6;

    /// <summary>Leave out development-only dependencies (PrivateAssets="all", developmentDependency packages).</summary>
    public bool ExcludeDevelopmentDependencies { get; set; }

    /// <summary>Only this target framework (for example <c>net8.0</c>); null for all.</summary>
    public string? Framework { get; set; }

    /// <summary>
    /// The runtime identifier (for example <c>linux-x64</c>) whose restore graph to describe, as <c>dotnet publish -r</c>
    /// deploys it; null for the project's only restored RID, else the RID-less graph.
    /// </summary>
    public string? Runtime { get; set; }

    /// <summary>For a solution: one SBOM for all projects instead of one per project.</summary>
    public bool Merge { get; set; }

    /// <summary>
    /// Seconds since 1970 for a reproducible SBOM (timestamp and serial number from the content). Null reads
    /// <c>SOURCE_DATE_EPOCH</c> from the environment; when that is unset too, the current time is used.
    /// </summary>
    public long? SourceDateEpoch { get; set; }

    /// <summary>Sets <see cref="OutputFile"/>.</summary>
    public PipelineGuardSbomSettings WithOutputFile(FilePath file)
    {
        OutputFile = file;
        return this;
    }

    /// <summary>Sets <see cref="OutputDirectory"/>.</summary>
    public PipelineGuardSbomSettings WithOutputDirectory(DirectoryPath directory)
    {
        OutputDirectory = directory;
        return this;
    }

    /// <summary>Sets <see cref="Format"/>.</summary>
    public PipelineGuardSbomSettings WithFormat(SbomFormat format)
    {
        Format = format;
        return this;
    }

    /// <summary>Sets <see cref="SpecVersion"/>.</summary>
    public PipelineGuardSbomSettings WithSpecVersion(CycloneDxSpecVersion specVersion)
    {
        SpecVersion = specVersion;
        return this;
    }

    /// <summary>Sets <see cref="ExcludeDevelopmentDependencies"/>.</summary>
    public PipelineGuardSbomSettings WithExcludeDevelopmentDependencies(bool exclude = true)
    {
        ExcludeDevelopmentDependencies = exclude;
        return this;
    }

    /// <summary>Sets <see cref="Framework"/>.</summary>
    public PipelineGuardSbomSettings WithFramework(string framework)
    {
        Framework = framework;
        return this;
    }

    /// <summary>Sets <see cref="Runtime"/>.</summary>
    public PipelineGuardSbomSettings WithRuntime(string runtime)
    {
        Runtime = runtime;
        return this;
    }

    /// <summary>Sets <see cref="Merge"/>.</summary>
    public PipelineGuardSbomSettings WithMerge(bool merge = true)
    {
        Merge = merge;
        return this;
    }

    /// <summary>Sets <see cref="SourceDateEpoch"/>.</summary>
    public PipelineGuardSbomSettings WithSourceDateEpoch(long seconds)
    {
        SourceDateEpoch = seconds;
        return this;
    }
}
