using System.Security.Cryptography;
using Microsoft.Build.Framework;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;

namespace PipelineGuard.MSBuild;

/// <summary>
/// Writes the project's SBOM from <c>project.assets.json</c> and the evaluated project properties. The file is rewritten
/// only when what it says changes: without SOURCE_DATE_EPOCH the timestamp alone never causes a rewrite.
/// </summary>
public sealed class GenerateSbom : PipelineGuardTask
{
    /// <summary>The project's assets file, <c>$(ProjectAssetsFile)</c>.</summary>
    [Required]
    public string AssetsFile { get; set; } = string.Empty;

    /// <summary>The project file.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Where to write the SBOM.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>A file that remembers what the SBOM says (a hash of its timestamp-free content), beside the SBOM.</summary>
    public string? ContentKeyFile { get; set; }

    /// <summary><c>cyclonedx-json</c> (default), <c>cyclonedx-xml</c> or <c>spdx-json</c>.</summary>
    public string Format { get; set; } = "cyclonedx-json";

    /// <summary>CycloneDX version: <c>1.6</c> (default) or <c>1.7</c>.</summary>
    public string SpecVersion { get; set; } = "1.6";

    /// <summary>Leave development-only dependencies out.</summary>
    public bool ExcludeDevelopmentDependencies { get; set; }

    /// <summary>
    /// $(RuntimeIdentifier): a RID-specific build's SBOM describes the restore graph of that RID, which is what it
    /// deploys. Empty: the project's only restored RID, else the RID-less graph.
    /// </summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>$(PackageId).</summary>
    public string? PackageId { get; set; }

    /// <summary>$(PackageVersion) or $(Version).</summary>
    public string? Version { get; set; }

    /// <summary>$(Authors).</summary>
    public string? Authors { get; set; }

    /// <summary>$(Company).</summary>
    public string? Company { get; set; }

    /// <summary>$(Description).</summary>
    public string? Description { get; set; }

    /// <summary>$(Copyright).</summary>
    public string? Copyright { get; set; }

    /// <summary>$(PackageProjectUrl).</summary>
    public string? PackageProjectUrl { get; set; }

    /// <summary>$(PackageLicenseExpression).</summary>
    public string? PackageLicenseExpression { get; set; }

    /// <summary>$(RepositoryUrl).</summary>
    public string? RepositoryUrl { get; set; }

    /// <summary>$(RepositoryCommit).</summary>
    public string? RepositoryCommit { get; set; }

    /// <summary>$(OutputType).</summary>
    public string? OutputType { get; set; }

    /// <summary>$(IsPackable): <c>false</c> leaves the root component without a purl.</summary>
    public string? IsPackable { get; set; }

    /// <summary>Whether the file was written (false: its content was already current).</summary>
    [Output]
    public bool Written { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!TryParseFormat(Format, SpecVersion, out var format, out var spec))
        {
            Log.LogError(null, "PGMSB001", null, null, 0, 0, 0, 0, $"PipelineGuardSbomFormat '{Format}' with spec version '{SpecVersion}' is not supported: use cyclonedx-json, cyclonedx-xml or spdx-json, and 1.6 or 1.7.");
            return false;
        }

        if (!SourceDateEpoch.TryParse(Environment.GetEnvironmentVariable(SourceDateEpoch.VariableName), out var sourceDateEpoch, out var epochError))
        {
            Log.LogError(null, "PGMSB002", null, null, 0, 0, 0, 0, $"{epochError}.");
            return false;
        }

        var options = new ProjectSbomOptions
        {
            AssetsFile = AssetsFile,
            ProjectFile = string.IsNullOrEmpty(ProjectFile) ? null : ProjectFile,
            ExcludeDevelopmentDependencies = ExcludeDevelopmentDependencies,
            RuntimeIdentifier = NullIfEmpty(RuntimeIdentifier),
            Properties = new ProjectProperties
            {
                PackageId = NullIfEmpty(PackageId),
                Version = NullIfEmpty(Version),
                Authors = NullIfEmpty(Authors),
                Company = NullIfEmpty(Company),
                Description = NullIfEmpty(Description),
                Copyright = NullIfEmpty(Copyright),
                PackageProjectUrl = NullIfEmpty(PackageProjectUrl),
                PackageLicenseExpression = NullIfEmpty(PackageLicenseExpression),
                RepositoryUrl = NullIfEmpty(RepositoryUrl),
                RepositoryCommit = NullIfEmpty(RepositoryCommit),
                OutputType = NullIfEmpty(OutputType),
                IsPackable = NullIfEmpty(IsPackable),
            },
            // A fixed epoch makes the content comparable from build to build; the real time is put in below.
            SourceDateEpoch = sourceDateEpoch ?? 0,
        };

        var result = ProjectSbomGenerator.Generate(options, CancellationToken);
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity == SbomDiagnosticSeverity.Error)
            {
                Log.LogError(null, diagnostic.Code, null, diagnostic.File ?? AssetsFile, diagnostic.Line ?? 0, diagnostic.Column ?? 0, 0, 0, diagnostic.Message);
            }
            else
            {
                Log.LogWarning(null, diagnostic.Code, null, diagnostic.File ?? AssetsFile, diagnostic.Line ?? 0, diagnostic.Column ?? 0, 0, 0, diagnostic.Message);
            }
        }

        if (result.Document is null)
        {
            Log.LogError(null, "PGMSB003", null, ProjectFile ?? AssetsFile, 0, 0, 0, 0, "No SBOM was written.");
            return false;
        }

        var content = Serialize(result.Document, format, spec);
        if (sourceDateEpoch is null)
        {
            var key = Convert.ToHexString(SHA256.HashData(content));
            var keyFile = ContentKeyFile ?? OutputFile + ".key";
            if (File.Exists(OutputFile) && File.Exists(keyFile) && string.Equals(File.ReadAllText(keyFile).Trim(), key, StringComparison.Ordinal))
            {
                LogWork($"SBOM of {ProjectName} is current: {OutputFile}");
                return true;
            }

            var now = ProjectSbomGenerator.Generate(options with { SourceDateEpoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds() }, CancellationToken);
            if (now.Document is null)
            {
                Log.LogError(null, "PGMSB003", null, ProjectFile ?? AssetsFile, 0, 0, 0, 0, "No SBOM was written.");
                return false;
            }

            content = Serialize(now.Document, format, spec);
            Written = FileContent.WriteIfChanged(OutputFile, content);
            FileContent.WriteIfChanged(keyFile, System.Text.Encoding.ASCII.GetBytes(key));
        }
        else
        {
            Written = FileContent.WriteIfChanged(OutputFile, content);
        }

        LogWork($"SBOM of {ProjectName} ({result.Document.Components.Count} components) {(Written ? "written to" : "unchanged at")} {OutputFile}");
        return true;
    }

    private static byte[] Serialize(SbomDocument document, SbomFormat format, CycloneDxSpecVersion spec)
    {
        using var buffer = new MemoryStream();
        SbomWriter.Write(document, buffer, format, spec);
        return buffer.ToArray();
    }

    private static bool TryParseFormat(string format, string specVersion, out SbomFormat sbomFormat, out CycloneDxSpecVersion spec)
    {
        // Empty properties mean the defaults: the table's first format and spec version.
        var knownSpec = SbomFormats.TryParseSpecVersion(specVersion.Length == 0 ? SbomFormats.SpecVersionNames[0] : specVersion, out spec);
        var knownFormat = SbomFormats.TryParse(format.Length == 0 ? SbomFormats.Names[0] : format, out var entry);
        sbomFormat = entry?.Format ?? SbomFormat.CycloneDxJson;
        return knownFormat && knownSpec;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
