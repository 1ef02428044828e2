using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using PipelineGuard.Gate;
using PipelineGuard.Oci;
using PipelineGuard.Provenance;

namespace Cake.PipelineGuard;

public static partial class PipelineGuardAliases
{
    /// <summary>
    /// Runs the whole gate from one policy file (lint, SBOM, base images, produced images) on a folder, writes the
    /// reports (JSON, SARIF, Markdown, HTML) and logs every finding in canonical form. Fails when the gate fails.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="path">The folder to check (it holds <c>pipelineguard.yaml</c> unless <see cref="PipelineGuardGateSettings.Policy"/> says otherwise).</param>
    /// <param name="settings">The policy, the report folder and registry access.</param>
    /// <returns>The gate's result and the reports written.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardGate("./src/App", new PipelineGuardGateSettings().WithOutputDirectory("./artifacts/gate"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Gate")]
    public static PipelineGuardGateResult PipelineGuardGate(this ICakeContext context, DirectoryPath path, PipelineGuardGateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "gate";
        var root = CakePaths.Full(context, path);
        var (policy, policyErrors) = LoadPolicy(context, settings.Policy, System.IO.Path.Combine(root, PolicyLoader.DefaultFileName));
        if (policy is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardGateResult(null, [], policyErrors));
        }

        var (notation, notationError) = NotationSettings.Read(context, settings);
        if (notationError is not null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardGateResult(null, [], [notationError]));
        }

        if (notation is not null)
        {
            policy = policy with { BaseImages = policy.BaseImages.WithNotation(notation) };
        }

        var output = settings.OutputDirectory is null ? System.IO.Path.Combine(context.Environment.WorkingDirectory.FullPath, "pipelineguard-report") : CakePaths.Full(context, settings.OutputDirectory);
        var environment = context.Environment.GetEnvironmentVariables().ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        var job = GateJob.RunAsync(new GateJobOptions
        {
            Gate = new GateOptions
            {
                Path = root,
                Policy = policy,
                OutputDirectory = output,
                Evidence = new ImageEvidenceOptions().WithAllowHttpRegistry(settings.AllowHttpRegistry),
                Environment = environment,
            },
        }).GetAwaiter().GetResult();
        if (job.Run.Result is not { } result)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardGateResult(null, [], job.Run.ConfigurationErrors));
        }

        var reports = job.Reports.Select(r => new FilePath(r)).ToList();
        LogFindings(context, result, root);
        foreach (var line in GatePlainSummary.Lines(result))
        {
            AliasOutcome.Write(context, LogLevel.Information, line);
        }

        AliasOutcome.Write(context, result.Passed ? LogLevel.Information : LogLevel.Error, $"{result.Summary}; report {reports[0].FullPath}");
        var errors = result.Passed ? [] : new List<string> { $"the gate failed with {result.Findings.Count(f => f.Blocking)} blocking finding(s); see {reports[2].FullPath}" };
        return AliasOutcome.Complete(context, settings, verb, new PipelineGuardGateResult(result, reports, errors));
    }

    /// <summary>
    /// Checks every <c>FROM</c> image of the Dockerfiles against the base-image rules of a policy: allowed registry,
    /// pinned digest, signature by a trusted key, SLSA provenance from a trusted builder, age, deny lists.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="dockerfiles">The Dockerfiles.</param>
    /// <param name="settings">The policy and registry access.</param>
    /// <returns>The assessment of every base image.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardCheckBaseImages(GetFiles("./**/Dockerfile"), new PipelineGuardCheckBaseImagesSettings().WithPolicy("./pipelineguard.yaml"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Gate")]
    public static PipelineGuardGateResult PipelineGuardCheckBaseImages(this ICakeContext context, IEnumerable<FilePath> dockerfiles, PipelineGuardCheckBaseImagesSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(dockerfiles);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "check-base";
        if (settings.Policy is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardGateResult(null, [], ["no policy: set Policy (WithPolicy) to a pipelineguard.yaml with baseImages rules"]));
        }

        var (policy, policyErrors) = LoadPolicy(context, settings.Policy, null);
        if (policy is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardGateResult(null, [], policyErrors));
        }

        var (notation, notationError) = NotationSettings.Read(context, settings);
        if (notationError is not null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardGateResult(null, [], [notationError]));
        }

        if (notation is not null)
        {
            policy = policy with { BaseImages = policy.BaseImages.WithNotation(notation) };
        }

        var run = CheckBaseJob.RunAsync(new CheckBaseJobOptions
        {
            Dockerfiles = dockerfiles.Select(d => CakePaths.Full(context, d)).ToList(),
            Policy = policy,
            Evidence = new ImageEvidenceOptions().WithAllowHttpRegistry(settings.AllowHttpRegistry),
        }).GetAwaiter().GetResult();
        if (run.Result is not { } result)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardGateResult(null, [], run.ConfigurationErrors));
        }

        LogFindings(context, result, context.Environment.WorkingDirectory.FullPath);
        AliasOutcome.Write(context, result.Passed ? LogLevel.Information : LogLevel.Error,
            $"pipelineguard check-base: {(result.Passed ? "PASSED" : "FAILED")} ({result.BaseImages.Count} base image(s), {result.Findings.Count(f => f.Blocking)} blocking finding(s))");
        var errors = result.Passed ? [] : new List<string> { $"{result.Findings.Count(f => f.Blocking)} base-image finding(s) block the build" };
        return AliasOutcome.Complete(context, settings, verb, new PipelineGuardGateResult(result, [], errors));
    }

    /// <summary>Resolves the <c>FROM</c> tags of a Dockerfile to digests (<c>image:tag@sha256:...</c>), every other byte kept; or only checks that they are pinned.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="dockerfile">The Dockerfile.</param>
    /// <param name="settings">Write or check, and registry access.</param>
    /// <returns>The changes.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardPin("./Dockerfile", new PipelineGuardPinSettings().WithCheck());
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Gate")]
    public static PipelineGuardPinResult PipelineGuardPin(this ICakeContext context, FilePath dockerfile, PipelineGuardPinSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "pin";
        var path = CakePaths.Full(context, dockerfile);
        if (settings.Write && settings.Check)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardPinResult(null, false, ["Write and Check exclude each other"]));
        }

        GatePolicy? policy = null;
        if (settings.Policy is not null)
        {
            var (loaded, policyErrors) = LoadPolicy(context, settings.Policy, null);
            if (loaded is null)
            {
                return AliasOutcome.Complete(context, settings, verb, new PipelineGuardPinResult(null, false, policyErrors));
            }

            policy = loaded;
        }

        // With a Notation trust policy, pin verifies each digest's signature before it pins it.
        var (notation, notationError) = NotationSettings.Read(context, settings);
        if (notationError is not null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardPinResult(null, false, [notationError]));
        }

        global::PipelineGuard.Signing.Notation.NotationTrust? trust = null;
        if (notation is not null)
        {
            var (loaded, trustErrors) = global::PipelineGuard.Signing.Notation.NotationTrust.Load(notation.TrustPolicy, notation.TrustStore, notation.Preset, notation.Name);
            if (loaded is null)
            {
                return AliasOutcome.Complete(context, settings, verb, new PipelineGuardPinResult(null, false, trustErrors.Select(e => "Notation trust policy: " + e).ToList()));
            }

            trust = loaded;
        }

        var job = PinJob.RunAsync(new PinJobOptions
        {
            VerifyWith = trust,
            Dockerfile = path,
            Mode = settings.Check ? PinMode.Check : settings.Write ? PinMode.Write : PinMode.Resolve,
            Policy = policy,
            Evidence = new ImageEvidenceOptions().WithAllowHttpRegistry(settings.AllowHttpRegistry),
        }).GetAwaiter().GetResult();
        if (job.Pin is not { } pin)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardPinResult(null, false, [job.ReadError!]));
        }

        if (pin.Error is not null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardPinResult(pin, false, [pin.Error]));
        }

        var errors = new List<string>();
        foreach (var change in pin.Changes)
        {
            if (settings.Check)
            {
                errors.Add($"{path}({change.Line},1): error {ProvenanceRuleIds.RequireDigest}: {change.Before} is not pinned by digest");
            }
            else if (change.After is not null)
            {
                AliasOutcome.Write(context, LogLevel.Information, $"pipelineguard pin: {path}({change.Line},1): {change.Before} -> {change.After}");
            }
            else
            {
                errors.Add($"{path}({change.Line},1): cannot pin {change.Before}: {change.Error}");
            }
        }

        foreach (var error in errors)
        {
            AliasOutcome.Write(context, LogLevel.Error, error);
        }

        var written = job.Written;
        AliasOutcome.Write(context, LogLevel.Information, pin.AllPinned
            ? $"pipelineguard pin: {path}: every base image is pinned"
            : $"pipelineguard pin: {path}: {pin.Changes.Count(c => c.After is not null)} image(s) {(written ? "pinned" : "resolvable")}, {pin.Changes.Count(c => c.After is null)} not pinned");
        return AliasOutcome.Complete(context, settings, verb, new PipelineGuardPinResult(pin, written, errors));
    }

    private static (GatePolicy? Policy, IReadOnlyList<string> Errors) LoadPolicy(ICakeContext context, FilePath? policy, string? defaultFile)
    {
        var file = policy is null ? defaultFile! : CakePaths.Full(context, policy);
        if (!System.IO.File.Exists(file))
        {
            return (null, [$"policy file {file} not found; write {PolicyLoader.DefaultFileName} (see docs/policy.md) or set Policy"]);
        }

        var loaded = PolicyLoader.Load(file);
        foreach (var warning in loaded.Warnings)
        {
            AliasOutcome.Write(context, LogLevel.Warning, $"pipelineguard: warning: {warning}");
        }

        return loaded.Success ? (loaded.Policy, []) : (null, loaded.Diagnostics.Select(d => d.ToString()).ToList());
    }

    // Findings in the canonical compiler form, so CI logs and IDEs link them.
    private static void LogFindings(ICakeContext context, GateResult result, string root)
    {
        foreach (var finding in result.Findings)
        {
            var where = finding.Location is { } location
                ? $"{System.IO.Path.GetFullPath(location.File, root)}({location.Line},{location.Column})"
                : finding.Subject ?? "pipelineguard";
            var level = finding.ExemptedBy is not null ? "info" : finding.Severity == Severity.Error ? "error" : "warning";
            var logLevel = finding.Blocking ? LogLevel.Error : finding.Severity == Severity.Error || finding.Severity == Severity.Warning ? LogLevel.Warning : LogLevel.Information;
            // As MSBuild and the tool's annotations write it: the subject (an image, a package) leads the message when the location does not name it.
            var message = finding.Location is not null && finding.Subject is not null ? $"{finding.Subject}: {finding.Message}" : finding.Message;
            AliasOutcome.Write(context, logLevel, $"{where}: {level} {finding.RuleId}: {message}");
        }
    }
}
