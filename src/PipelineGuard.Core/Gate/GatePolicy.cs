using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>The policy file, <c>pipelineguard.yaml</c>, as a model. Paths in it are relative to <see cref="BaseDirectory"/>.</summary>
public sealed record GatePolicy
{
    /// <summary>The file the policy came from, or null for a policy built from flags.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The folder relative paths are resolved against.</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Dockerfile lint settings.</summary>
    public LintPolicy Lint { get; init; } = new();

    /// <summary>SBOM settings.</summary>
    public SbomPolicy Sbom { get; init; } = new();

    /// <summary>Rules for every <c>FROM</c> image.</summary>
    public BaseImageRules BaseImages { get; init; } = new();

    /// <summary>Rules for the images the pipeline produces.</summary>
    public ProducedImageRules Images { get; init; } = new();

    /// <summary>How registries are reached.</summary>
    public RegistryPolicy Registries { get; init; } = new();

    /// <summary>Secrets in build contexts, folders and packages.</summary>
    public SecretsPolicy Secrets { get; init; } = new();

    /// <summary>Which licences the SBOM's components may carry.</summary>
    public LicensePolicy Licenses { get; init; } = new();
    /// <summary>Known vulnerabilities: the <c>vulnerabilities:</c> section (OSV sources, failOn, VEX files, images).</summary>
    public Vulnerabilities.VulnerabilityPolicy Vulnerabilities { get; init; } = new();

    /// <summary>Per-rule severity, keyed by rule id (<c>PG3003</c>, <c>DL3007</c>); the policy may name a rule by id or name, both are resolved to the id.</summary>
    public IReadOnlyDictionary<string, RuleSetting> Rules { get; init; } = new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Exceptions, each with an expiry date and a reason.</summary>
    public IReadOnlyList<PolicyExemption> Exceptions { get; init; } = [];

    /// <summary>A path from the policy, resolved against <see cref="BaseDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>
    /// Every file the policy names, resolved: the policy itself, keys, the keyless identities' trusted roots, the lint configuration file, and the
    /// <c>index.json</c> of each local OCI layout (a layout's blobs are content-addressed, so its index changes whenever
    /// what it holds does). An incremental build must rerun the gate when one of them changes.
    /// </summary>
    public IEnumerable<string> NamedFiles()
    {
        var names = new List<string>();
        if (SourceFile is not null)
        {
            names.Add(Path.GetFullPath(SourceFile));
        }

        names.AddRange(BaseImages.KeyNames.Concat(Images.SignatureKeys).Concat(Images.SbomAttestationKeys).Select(ResolvePath));
        names.AddRange(BaseImages.IdentityList.Concat(Images.SignatureIdentities).Concat(Images.SbomAttestationIdentities)
            .Select(i => i.TrustedRoot).OfType<string>().Select(ResolvePath));
        // VEX files and OSV zips decide vulnerability findings as keys decide signatures (a folder's records are not listed).
        names.AddRange(Vulnerabilities.Vex.Select(ResolvePath));
        names.AddRange(Vulnerabilities.Sources.Where(s => !string.Equals(s, global::PipelineGuard.Vulnerabilities.VulnerabilityPolicy.NuGetFeed, StringComparison.OrdinalIgnoreCase)).Select(ResolvePath).Where(File.Exists));
        if (Lint.ConfigFile is not null)
        {
            names.Add(ResolvePath(Lint.ConfigFile));
        }

        // Notation trust policies and their stores' certificates decide signatures as keys do.
        foreach (var notation in BaseImages.NotationRequirements.Concat(Images.SignatureNotation is { } produced ? [produced] : []))
        {
            if (notation.TrustPolicy is not null)
            {
                names.Add(ResolvePath(notation.TrustPolicy));
            }

            if (notation.TrustStore is not null && Directory.Exists(ResolvePath(notation.TrustStore)))
            {
                names.AddRange(Directory.EnumerateFiles(ResolvePath(notation.TrustStore), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
        }

        names.AddRange(Registries.Layouts.Values.Select(folder => Path.Combine(ResolvePath(folder), "index.json")));
        foreach (var image in Images.References)
        {
            if (Oci.ImageLocation.TryParse(Oci.ImageLocation.ResolveLocalPath(image, ResolvePath), out var location, out _) && location.Kind != Oci.ImageLocationKind.Registry)
            {
                names.Add(location.Kind == Oci.ImageLocationKind.OciLayout ? Path.Combine(location.Path, "index.json") : Path.GetFullPath(location.Path));
            }
        }

        return names.Distinct(StringComparer.Ordinal);
    }

    /// <summary>Whether the outcome depends on the day as well as on the files: exceptions expire, and images age.</summary>
    public bool DependsOnDate => Exceptions.Count > 0 || BaseImages.MaxAgeDays is not null || Secrets.Allow.Any(a => a.Expires is not null);
}

/// <summary>Dockerfile lint settings: a hadolint configuration file, or the same settings inline.</summary>
public sealed record LintPolicy
{
    /// <summary>Whether the gate lints Dockerfiles.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>A <c>.hadolint.yaml</c> to read, or null.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The lowest lint level that fails the gate (<c>error</c>, <c>warning</c>, <c>info</c>, <c>style</c>, <c>none</c>).</summary>
    public string FailureThreshold { get; init; } = "error";

    /// <summary>Rule ids to ignore.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Registries DL3026 trusts.</summary>
    public IReadOnlyList<string> TrustedRegistries { get; init; } = [];

    /// <summary>Dockerfiles to check, relative to the gate's path; empty means every Dockerfile found there.</summary>
    public IReadOnlyList<string> Dockerfiles { get; init; } = [];
}

/// <summary>SBOM settings.</summary>
public sealed record SbomPolicy
{
    /// <summary>Whether the gate writes an SBOM.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The project, solution or folder to describe, relative to the policy; null means the gate's path.</summary>
    public string? Project { get; init; }

    /// <summary><c>cyclonedx-json</c>, <c>cyclonedx-xml</c> or <c>spdx-json</c>.</summary>
    public string Format { get; init; } = "cyclonedx-json";

    /// <summary>The CycloneDX spec version (<c>1.6</c>, <c>1.7</c>).</summary>
    public string SpecVersion { get; init; } = "1.6";

    /// <summary>Leave development-only packages out.</summary>
    public bool ExcludeDev { get; init; }
}

/// <summary>How registries are reached.</summary>
public sealed record RegistryPolicy
{
    /// <summary>Registries that may be reached over plain HTTP (host patterns).</summary>
    public IReadOnlyList<string> AllowHttp { get; init; } = [];

    /// <summary>Image names served from a local OCI layout instead of a registry: name to layout folder.</summary>
    public IReadOnlyDictionary<string, string> Layouts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>A rule's severity when it fails, and when it could not be checked.</summary>
/// <param name="Severity">Severity of a failure; null keeps the default.</param>
/// <param name="CouldNotCheck">Severity when the evidence could not be obtained; null means the same as a failure (fail closed).</param>
public sealed record RuleSetting(Severity? Severity, Severity? CouldNotCheck);

/// <summary>An exception to a rule (the policy's <c>exceptions</c> list), for some images or files, until a date.</summary>
public sealed record PolicyExemption
{
    /// <summary>The rule id it applies to (resolved from the id or name the policy wrote).</summary>
    public required string Rule { get; init; }

    /// <summary>An image pattern it is limited to, or null for any.</summary>
    public string? Image { get; init; }

    /// <summary>A file pattern (relative path) it is limited to, or null for any.</summary>
    public string? File { get; init; }

    /// <summary>A package pattern it is limited to (a name, <c>name@version</c> or package URL, with <c>*</c> wildcards), or null for any.</summary>
    public string? Package { get; init; }

    /// <summary>The last day it applies (inclusive, UTC).</summary>
    public required DateOnly Expires { get; init; }

    /// <summary>Why it was granted.</summary>
    public required string Reason { get; init; }

    /// <summary>Where it is written in the policy file (line), for reporting an expired exception.</summary>
    public int Line { get; init; }

    /// <summary>Whether it has expired at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) > Expires;
}
