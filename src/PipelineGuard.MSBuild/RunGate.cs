using System.Collections;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PipelineGuard.Findings;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;

namespace PipelineGuard.MSBuild;

/// <summary>
/// Runs the gate (base-image provenance, produced images, the policy's lint and SBOM rules) for the project under the
/// policy file named by <c>PipelineGuardPolicy</c>. Findings are canonical MSBuild diagnostics; a blocking finding fails
/// the build. The JSON and Markdown reports go to <see cref="OutputDirectory"/>.
/// </summary>
public sealed class RunGate : PipelineGuardTask
{
    /// <summary>The policy file (<c>pipelineguard.yaml</c>).</summary>
    [Required]
    public string PolicyFile { get; set; } = string.Empty;

    /// <summary>The folder the gate checks: the project's folder.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Where the reports (and the policy's SBOM) are written.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Whether plain-HTTP registries are allowed (as <c>--allow-http-registry</c>).</summary>
    public bool AllowHttpRegistry { get; set; }

    /// <summary>A Notation trust policy (<c>$(PipelineGuardTrustPolicy)</c>) base images' Notary Project signatures are verified with, in place of the policy file's.</summary>
    public string? TrustPolicy { get; set; }

    /// <summary>The Notation trust store folder (<c>$(PipelineGuardTrustStore)</c>) for <see cref="TrustPolicy"/>.</summary>
    public string? TrustStore { get; set; }

    /// <summary>A built-in Notation preset (<c>$(PipelineGuardTrustPolicyPreset)</c>, for example <c>microsoft-dotnet</c>) instead of <see cref="TrustPolicy"/>.</summary>
    public string? TrustPolicyPreset { get; set; }

    /// <summary>Public keys (<c>$(PipelineGuardKey)</c>, PEM, relative to the project) one of which must have signed each base image, beside the policy file's keys.</summary>
    public string[] Keys { get; set; } = [];

    /// <summary>The exact keyless signer (<c>$(PipelineGuardCertificateIdentity)</c>, the certificate SAN) of each base image, as cosign's <c>--certificate-identity</c>.</summary>
    public string? CertificateIdentity { get; set; }

    /// <summary>A pattern the keyless signer must match (<c>$(PipelineGuardCertificateIdentityRegExp)</c>).</summary>
    public string? CertificateIdentityRegExp { get; set; }

    /// <summary>The exact OIDC issuer of the keyless signer (<c>$(PipelineGuardCertificateOidcIssuer)</c>).</summary>
    public string? CertificateOidcIssuer { get; set; }

    /// <summary>A pattern the OIDC issuer must match (<c>$(PipelineGuardCertificateOidcIssuerRegExp)</c>).</summary>
    public string? CertificateOidcIssuerRegExp { get; set; }

    /// <summary>The GitHub repository (owner/name) the signing workflow ran in (<c>$(PipelineGuardCertificateGitHubWorkflowRepository)</c>).</summary>
    public string? CertificateGitHubWorkflowRepository { get; set; }

    /// <summary>The git ref the signing workflow ran on (<c>$(PipelineGuardCertificateGitHubWorkflowRef)</c>).</summary>
    public string? CertificateGitHubWorkflowRef { get; set; }

    /// <summary>The commit the signing workflow ran on (<c>$(PipelineGuardCertificateGitHubWorkflowSha)</c>).</summary>
    public string? CertificateGitHubWorkflowSha { get; set; }

    /// <summary>The event that triggered the signing workflow (<c>$(PipelineGuardCertificateGitHubWorkflowTrigger)</c>).</summary>
    public string? CertificateGitHubWorkflowTrigger { get; set; }

    /// <summary>The signing workflow's name (<c>$(PipelineGuardCertificateGitHubWorkflowName)</c>).</summary>
    public string? CertificateGitHubWorkflowName { get; set; }

    /// <summary>A Sigstore <c>trusted_root.json</c> for the keyless identity (<c>$(PipelineGuardTrustedRoot)</c>, relative to the project); the embedded public-good root when empty.</summary>
    public string? TrustedRoot { get; set; }

    /// <summary>Do not require or check transparency-log entries of keyless signatures (<c>$(PipelineGuardInsecureIgnoreTlog)</c>).</summary>
    public bool InsecureIgnoreTlog { get; set; }

    /// <summary>Do not require an embedded SCT in keyless certificates (<c>$(PipelineGuardInsecureIgnoreSct)</c>).</summary>
    public bool InsecureIgnoreSct { get; set; }

    /// <summary>Where to list the files the gate read (and whether it depends on the day), for the next build's Inputs.</summary>
    public string? InputsListFile { get; set; }

    /// <summary>The files written, for FileWrites.</summary>
    [Output]
    public ITaskItem[] Reports { get; set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!File.Exists(PolicyFile))
        {
            Log.LogError(null, "PGMSB030", null, null, 0, 0, 0, 0, $"PipelineGuardPolicy '{PolicyFile}': the policy file does not exist.");
            return false;
        }

        LogWork($"gate of {ProjectName} under {PolicyFile}");
        var loaded = PolicyLoader.Load(PolicyFile);
        foreach (var warning in loaded.Warnings)
        {
            Log.LogWarning(null, "PGMSB033", null, warning.File, warning.Line, warning.Column, 0, 0, $"{warning.Field}: {warning.Message}");
        }

        if (loaded.Policy is not { } policy)
        {
            foreach (var problem in loaded.Diagnostics)
            {
                Log.LogError(null, "PGMSB031", null, problem.File, problem.Line, problem.Column, 0, 0, problem.Field.Length == 0 ? problem.Message : $"{problem.Field}: {problem.Message}");
            }

            return false;
        }

        var (notation, notationError) = NotationRequirement.FromSettings(TrustPolicy, TrustStore, TrustPolicyPreset);
        if (notationError is not null)
        {
            Log.LogError(null, "PGMSB034", null, null, 0, 0, 0, 0, $"PipelineGuardTrustPolicy, PipelineGuardTrustStore, PipelineGuardTrustPolicyPreset: {notationError}.");
            return false;
        }

        if (notation is not null)
        {
            // Paths are the project's: make them absolute before the policy resolves them against its own folder.
            notation = notation with
            {
                TrustPolicy = notation.TrustPolicy is null ? null : Path.GetFullPath(notation.TrustPolicy, ProjectDirectory),
                TrustStore = notation.TrustStore is null ? null : Path.GetFullPath(notation.TrustStore, ProjectDirectory),
            };
        }

        var (identity, identityError) = KeylessIdentity.FromSettings(KeylessSettings());
        if (identityError is not null)
        {
            Log.LogError(null, "PGMSB035", null, null, 0, 0, 0, 0, $"{KeylessPropertyNames}: {PropertyNames(identityError)}.");
            return false;
        }

        var keys = Keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Path.GetFullPath(k.Trim(), ProjectDirectory)).ToList();
        var (rules, signatureError) = policy.BaseImages.WithSignatureSettings(keys, identity, notation);
        if (rules is null)
        {
            Log.LogError(null, "PGMSB035", null, null, 0, 0, 0, 0, $"PipelineGuardKey, {KeylessPropertyNames} and PipelineGuardTrustPolicy/PipelineGuardTrustPolicyPreset: {signatureError}.");
            return false;
        }

        policy = policy with { BaseImages = rules };

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        var root = Path.GetFullPath(ProjectDirectory);
        var job = GateJob.RunAsync(new GateJobOptions
        {
            Gate = new GateOptions
            {
                Path = root,
                Policy = policy,
                OutputDirectory = OutputDirectory,
                Environment = environment,
                Evidence = new ImageEvidenceOptions().WithAllowHttpRegistry(AllowHttpRegistry),
            },
            // The reports a build keeps; unchanged ones are left alone so incremental builds see no change.
            Formats = ["json", "markdown"],
            WriteOnlyWhenChanged = true,
            InputsListFile = string.IsNullOrEmpty(InputsListFile) ? null : InputsListFile,
        }, CancellationToken).GetAwaiter().GetResult();
        if (job.Run.Result is not { } result)
        {
            foreach (var problem in job.Run.ConfigurationErrors)
            {
                Log.LogError(null, "PGMSB032", null, PolicyFile, 0, 0, 0, 0, problem);
            }

            return false;
        }

        foreach (var finding in result.Findings.Where(f => f.ExemptedBy is null && f.Severity != Severity.Off))
        {
            Report(root, finding);
        }

        var written = job.Reports.Select(r => (ITaskItem)new TaskItem(r)).ToList();
        if (!string.IsNullOrEmpty(InputsListFile))
        {
            written.Add(new TaskItem(InputsListFile));
        }

        if (result.Sbom?.File is { } sbom)
        {
            written.Add(new TaskItem(Path.Combine(OutputDirectory, sbom)));
        }

        Reports = [.. written];
        // The same lines the tool prints when the gate runs out of process (its working directory is the project's).
        Log.LogMessage(MessageImportance.High, result.Summary);
        foreach (var report in job.Reports)
        {
            Log.LogMessage(MessageImportance.High, $"  report: {Path.GetRelativePath(ProjectDirectory, report)}");
        }

        return result.Passed && !Log.HasLoggedErrors;
    }

    private const string KeylessPropertyNames = "PipelineGuardCertificateIdentity[RegExp], PipelineGuardCertificateOidcIssuer[RegExp], PipelineGuardCertificateGitHubWorkflow*, PipelineGuardTrustedRoot, PipelineGuardInsecureIgnoreTlog/Sct";

    /// <summary>Core's messages name cosign's flags; the build names the properties that set them (the longest flag first, so no flag's prefix is replaced inside another).</summary>
    private static readonly (string Flag, string Property)[] FlagProperties =
    [
        ("--certificate-github-workflow-repository", "PipelineGuardCertificateGitHubWorkflowRepository"),
        ("--certificate-github-workflow-trigger", "PipelineGuardCertificateGitHubWorkflowTrigger"),
        ("--certificate-oidc-issuer-regexp", "PipelineGuardCertificateOidcIssuerRegExp"),
        ("--certificate-github-workflow-name", "PipelineGuardCertificateGitHubWorkflowName"),
        ("--certificate-github-workflow-ref", "PipelineGuardCertificateGitHubWorkflowRef"),
        ("--certificate-github-workflow-sha", "PipelineGuardCertificateGitHubWorkflowSha"),
        ("--certificate-identity-regexp", "PipelineGuardCertificateIdentityRegExp"),
        ("--certificate-oidc-issuer", "PipelineGuardCertificateOidcIssuer"),
        ("--certificate-identity", "PipelineGuardCertificateIdentity"),
        ("--insecure-ignore-tlog", "PipelineGuardInsecureIgnoreTlog"),
        ("--insecure-ignore-sct", "PipelineGuardInsecureIgnoreSct"),
        ("--trusted-root", "PipelineGuardTrustedRoot"),
    ];

    /// <summary><paramref name="message"/> with each cosign flag it names replaced by its property.</summary>
    internal static string PropertyNames(string message)
    {
        foreach (var (flag, property) in FlagProperties)
        {
            message = message.Replace(flag, property, StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>The keyless properties as cosign's flags (empty ones unset); the trusted root made absolute against the project.</summary>
    private Signing.Keyless.CertificateVerificationOptions KeylessSettings()
    {
        static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return new Signing.Keyless.CertificateVerificationOptions(
            Set(CertificateIdentity),
            Set(CertificateIdentityRegExp),
            Set(CertificateOidcIssuer),
            Set(CertificateOidcIssuerRegExp),
            new Signing.Keyless.GitHubWorkflowClaims(Set(CertificateGitHubWorkflowTrigger), Set(CertificateGitHubWorkflowSha), Set(CertificateGitHubWorkflowName), Set(CertificateGitHubWorkflowRepository), Set(CertificateGitHubWorkflowRef)),
            Set(TrustedRoot) is { } root ? Path.GetFullPath(root, ProjectDirectory) : null,
            InsecureIgnoreTlog,
            InsecureIgnoreSct);
    }

    private void Report(string root, GateFinding finding)
    {
        var file = finding.Location is { } l ? Path.GetFullPath(Path.Combine(root, l.File)) : PolicyFile;
        var line = finding.Location?.Line ?? 0;
        var column = finding.Location?.Column ?? 0;
        var help = RuleRegistry.ForFinding(finding.RuleId)?.HelpUri.AbsoluteUri;
        // As the tool's msbuild annotations write it (the out-of-process path), so both paths log the same diagnostic.
        var message = (finding.Subject is null ? finding.Message : $"{finding.Subject}: {finding.Message}").Replace('\n', ' ');
        if (finding.Blocking)
        {
            Log.LogError(null, finding.RuleId, null, help, file, line, column, 0, 0, message);
        }
        else if (finding.Source == FindingSource.Lint)
        {
            // The lint target already reports Dockerfile findings; the gate repeats only those that block it.
            Log.LogMessage(MessageImportance.Low, $"{file}({line},{column}): {finding.RuleId}: {message}");
        }
        else if (finding.Severity == Severity.Warning)
        {
            Log.LogWarning(null, finding.RuleId, null, help, file, line, column, 0, 0, message);
        }
        else
        {
            Log.LogMessage(MessageImportance.Normal, $"{file}({line},{column}): {finding.RuleId}: {message}");
        }
    }
}
