using PipelineGuard.Findings;
using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>
/// Turns rule checks and lint findings into <see cref="GateFinding"/>s under a policy: per-rule severity,
/// fail-closed handling of "could not check", exceptions (expired ones do not apply and are reported).
/// </summary>
public sealed class GateResultBuilder
{
    private static readonly string[] LintLevels = ["style", "info", "warning", "error"];
    private readonly GatePolicy _policy;
    private readonly DateTimeOffset _now;
    private readonly List<GateFinding> _findings = [];
    private readonly List<BaseImageReport> _baseImages = [];
    private readonly List<ProducedImageReport> _producedImages = [];
    private readonly List<string> _dockerfiles = [];
    private SbomSummary? _sbom;

    /// <summary>A builder for one gate run under <paramref name="policy"/> at <paramref name="now"/>.</summary>
    public GateResultBuilder(GatePolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _now = now;
    }

    /// <summary>Records a Dockerfile that was checked.</summary>
    public GateResultBuilder AddDockerfile(string path)
    {
        if (!_dockerfiles.Contains(path, StringComparer.Ordinal))
        {
            _dockerfiles.Add(path);
        }

        return this;
    }

    /// <summary>Adds a base image's assessment; its failing checks become findings.</summary>
    public GateResultBuilder AddBaseImage(string dockerfile, BaseImageAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        AddDockerfile(dockerfile);
        _baseImages.Add(new BaseImageReport(dockerfile, assessment));
        foreach (var check in assessment.Checks.Where(c => c.Outcome != CheckOutcome.Pass))
        {
            var facts = assessment.Facts;
            AddCheck(check, FindingSource.BaseImage, facts.Written, facts.Location, [facts.Name, facts.Tag is null ? facts.Name : $"{facts.Name}:{facts.Tag}"]);
        }

        AddWarnings(assessment.Checks, FindingSource.BaseImage, assessment.Facts.Written, assessment.Facts.Location);

        return this;
    }

    /// <summary>Adds a produced image's checks.</summary>
    public GateResultBuilder AddProducedImage(ProducedImageFacts facts, IReadOnlyList<RuleCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(checks);
        _producedImages.Add(new ProducedImageReport(facts, checks));
        foreach (var check in checks.Where(c => c.Outcome != CheckOutcome.Pass))
        {
            AddCheck(check, FindingSource.Image, facts.Reference, location: null);
        }

        AddWarnings(checks, FindingSource.Image, facts.Reference, location: null);

        return this;
    }

    /// <summary>Adds a lint finding with its hadolint level (<c>error</c>, <c>warning</c>, <c>info</c>, <c>style</c>).</summary>
    public GateResultBuilder AddLintFinding(string code, string level, string message, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var mapped = level switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            _ => Severity.Note,
        };
        var overridden = _policy.Rules.TryGetValue(code, out var setting) ? setting.Severity : null;
        var severity = overridden ?? mapped;
        if (severity == Severity.Off)
        {
            return this;
        }

        var blocking = overridden is not null
            ? overridden == Severity.Error
            : Array.IndexOf(LintLevels, level) >= Array.IndexOf(LintLevels, _policy.Lint.FailureThreshold) && _policy.Lint.FailureThreshold != "none";
        Add(new GateFinding
        {
            RuleId = code,
            Severity = severity,
            Message = message,
            Source = FindingSource.Lint,
            Location = location,
            Blocking = blocking,
        }, []);
        AddDockerfile(location.File);
        return this;
    }

    /// <summary>Adds a vulnerability finding (PG6001) as the vulnerability step built it; exceptions apply by rule and by its subjects (purl, advisory ids).</summary>
    internal GateResultBuilder AddVulnerability(GateFinding finding, IReadOnlyList<string> subjects)
    {
        Add(finding, subjects);
        return this;
    }

    /// <summary>Adds a failure of a whole step (lint or SBOM could not run): blocking unless the policy downgrades PG0002.</summary>
    public GateResultBuilder AddStepFailure(FindingSource source, string message, SourceLocation? location = null) =>
        AddCheck(RuleCheck.Unknown(GateRules.StepFailed.Id, message), source, subject: null, location);

    /// <summary>Sets the SBOM summary.</summary>
    public GateResultBuilder WithSbom(SbomSummary summary)
    {
        _sbom = summary;
        return this;
    }

    /// <summary>Adds a non-passing check under the policy's severity and exceptions.</summary>
    /// <param name="check">The check.</param>
    /// <param name="source">Which part of the gate made it.</param>
    /// <param name="subject">The image as written.</param>
    /// <param name="location">Where it is written.</param>
    /// <param name="aliases">Other names of the subject that exception patterns may use (normalised <c>registry/repository:tag</c>).</param>
    public GateResultBuilder AddCheck(RuleCheck check, FindingSource source, string? subject, SourceLocation? location, IReadOnlyList<string>? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.Outcome == CheckOutcome.Pass)
        {
            return this;
        }

        var severity = SeverityFor(check.RuleId, check.Outcome);
        if (severity == Severity.Off)
        {
            return this;
        }

        Add(new GateFinding
        {
            RuleId = check.RuleId,
            Severity = severity,
            Message = check.Message,
            Source = source,
            Subject = subject,
            Location = location,
            CouldNotCheck = check.Outcome == CheckOutcome.CouldNotCheck,
            Blocking = severity == Severity.Error,
        }, subject is null ? [] : [subject, .. aliases ?? []]);
        return this;
    }

    /// <summary>
    /// Adds a licence finding: PG5001 at the rule's severity, PG5002 at the policy's <c>licenses.unknown</c>; a
    /// severity in <c>rules</c> wins over both. Exceptions with a <c>package</c> pattern match the component's names.
    /// </summary>
    internal GateResultBuilder AddLicenseFinding(Licenses.LicenseFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var severity = _policy.Rules.TryGetValue(finding.RuleId, out var setting) && setting.Severity is { } overridden
            ? overridden
            : finding.RuleId == Licenses.LicenseRuleCatalog.UnknownLicense.Id ? _policy.Licenses.Unknown : SeverityFor(finding.RuleId, CheckOutcome.Fail);
        if (severity == Severity.Off)
        {
            return this;
        }

        Add(new GateFinding
        {
            RuleId = finding.RuleId,
            Severity = severity,
            Message = finding.Message,
            Source = FindingSource.Sbom,
            Subject = finding.Subject,
            Location = finding.Location,
            Blocking = severity == Severity.Error,
        }, [], finding.Packages);
        return this;
    }

    /// <summary>
    /// Adds the outcome of one secrets scan: each finding under its PG4xxx rule at <paramref name="location"/>'s file
    /// (a package's entry and the finding's line are in the message), showing only the rule, kind, redacted preview and
    /// fingerprint; content the scan could not look at is a step failure (fail closed).
    /// </summary>
    internal GateResultBuilder AddSecretScan(Secrets.SecretScanResult result, Func<Secrets.SecretFinding, SourceLocation> location)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(location);
        foreach (var finding in result.Findings)
        {
            var entry = result.Archive is null ? string.Empty : string.Create(System.Globalization.CultureInfo.InvariantCulture, $" in {finding.Path}:{finding.Line}:{finding.Column}");
            var message = $"{finding.Kind}{entry} ({finding.Preview}, sha256 {finding.Fingerprint[..16]})" + (finding.Evidence is { } evidence ? "; " + evidence : string.Empty);
            AddCheck(RuleCheck.Failed(finding.RuleId, message), FindingSource.Secrets, subject: null, location(finding));
        }

        foreach (var note in result.Notes.Where(n => n.Incomplete))
        {
            AddStepFailure(FindingSource.Secrets, $"The secrets scan of {result.Target} is incomplete at {note.Path}: {note.Message}");
        }

        return this;
    }

    /// <summary>
    /// The warnings of passing checks (a Notation verification at level audit or skip) as non-blocking notes, so that
    /// every report shows them; a rule the policy switches off shows none.
    /// </summary>
    private void AddWarnings(IReadOnlyList<RuleCheck> checks, FindingSource source, string subject, SourceLocation? location)
    {
        foreach (var check in checks.Where(c => c.Outcome == CheckOutcome.Pass))
        {
            if (check.Warnings.Count == 0 || SeverityFor(check.RuleId, CheckOutcome.Fail) == Severity.Off)
            {
                continue;
            }

            foreach (var warning in check.Warnings)
            {
                _findings.Add(new GateFinding
                {
                    RuleId = check.RuleId,
                    Severity = Severity.Note,
                    Message = warning,
                    Source = source,
                    Subject = subject,
                    Location = location,
                    Blocking = false,
                });
            }
        }
    }

    /// <summary>The severity of a rule's failure or could-not-check under the policy; could-not-check follows the failure severity unless downgraded.</summary>
    public Severity SeverityFor(string ruleId, CheckOutcome outcome)
    {
        var defaults = RuleRegistry.FindById(ruleId)?.DefaultSeverity ?? Severity.Error;
        _policy.Rules.TryGetValue(ruleId, out var setting);
        var failure = setting?.Severity ?? defaults;
        return outcome == CheckOutcome.CouldNotCheck && setting?.CouldNotCheck is { } unknown ? unknown : failure;
    }

    /// <summary>The result, with a PG0001 finding for each expired exception.</summary>
    public GateResult Build()
    {
        var findings = new List<GateFinding>();
        foreach (var expired in _policy.Exceptions.Where(e => e.IsExpired(_now)))
        {
            var severity = SeverityFor(GateRules.ExpiredException.Id, CheckOutcome.Fail);
            if (severity == Severity.Off)
            {
                continue;
            }

            findings.Add(new GateFinding
            {
                RuleId = GateRules.ExpiredException.Id,
                Severity = severity,
                Message = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The exception for {expired.Rule}{(expired.Image is null ? string.Empty : $" on {expired.Image}")} expired on {expired.Expires:yyyy-MM-dd} and no longer applies (reason given: {expired.Reason}). Fix the finding or renew the exception."),
                Source = FindingSource.Policy,
                Location = _policy.SourceFile is null ? null : new SourceLocation(PolicyFileName, expired.Line, 1, 1),
                Blocking = severity == Severity.Error,
            });
        }

        findings.AddRange(_findings);
        return new GateResult
        {
            ToolVersion = PipelineGuardInfo.Version,
            Timestamp = _now,
            PolicyFile = _policy.SourceFile is null ? null : PolicyFileName,
            Dockerfiles = _dockerfiles,
            Findings = findings,
            BaseImages = _baseImages,
            ProducedImages = _producedImages,
            Sbom = _sbom,
        };
    }

    private string PolicyFileName => Path.GetFileName(_policy.SourceFile) ?? PolicyLoader.DefaultFileName;

    private void Add(GateFinding finding, IReadOnlyList<string> subjects, IReadOnlyList<string>? packages = null)
    {
        var exemption = _policy.Exceptions.FirstOrDefault(e =>
            string.Equals(e.Rule, finding.RuleId, StringComparison.OrdinalIgnoreCase)
            && !e.IsExpired(_now)
            && (e.Image is null || subjects.Any(s => WildcardPattern.IsMatch(e.Image, s)))
            && (e.Package is null || (packages ?? []).Any(p => WildcardPattern.IsMatch(e.Package, p)))
            && (e.File is null || (finding.Location is not null && WildcardPattern.IsMatch(e.File, finding.Location.File))));
        _findings.Add(exemption is null ? finding : finding with { ExemptedBy = exemption, Blocking = false });
    }
}
