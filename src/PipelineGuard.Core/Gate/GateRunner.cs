using PipelineGuard.Dockerfiles;
using PipelineGuard.Provenance;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;

namespace PipelineGuard.Gate;

/// <summary>
/// The whole gate from one policy: Dockerfile lint, base-image provenance for every <c>FROM</c>, produced-image
/// signatures and SBOM attestations, and the SBOM; one <see cref="GateResult"/>. A step that cannot run is a
/// blocking finding (fail closed) unless the policy downgrades it.
/// </summary>
public static class GateRunner
{
    /// <summary>Runs the gate.</summary>
    public static async Task<GateRun> RunAsync(GateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = options.Policy;
        var root = Path.GetFullPath(options.Path);
        if (!Directory.Exists(root))
        {
            return new GateRun(null, [$"{options.Path}: no such directory"]);
        }

        // An invalid value is a configuration error, as in the sbom verb; never a silent fall-back to the current time.
        if (!SourceDateEpoch.TryParse(options.Environment.GetValueOrDefault(SourceDateEpoch.VariableName), out var epoch, out var epochError))
        {
            return new GateRun(null, [epochError]);
        }

        var keyNames = policy.BaseImages.KeyNames
            .Concat(policy.Images.SignatureKeys)
            .Concat(policy.Images.SbomAttestationKeys);
        var (keys, keyError) = await TrustedKey.LoadAsync(keyNames, policy.ResolvePath, cancellationToken);
        if (keyError is not null)
        {
            return new GateRun(null, [$"{policy.SourceFile ?? "policy"}: {keyError}"]);
        }

        var identityList = policy.BaseImages.IdentityList
            .Concat(policy.Images.SignatureIdentities)
            .Concat(policy.Images.SbomAttestationIdentities);
        var (identities, identityError) = TrustedIdentity.Load(identityList, policy.ResolvePath);
        if (identityError is not null)
        {
            return new GateRun(null, [$"{policy.SourceFile ?? "policy"}: {identityError}"]);
        }

        var notationRequirements = policy.BaseImages.NotationRequirements
            .Concat(policy.Images.SignatureNotation is { } produced ? [produced] : []);
        var (notation, notationErrors) = NotationTrusts.Load(notationRequirements, policy.ResolvePath);
        if (notationErrors.Count > 0)
        {
            return new GateRun(null, notationErrors.Select(e => $"{policy.SourceFile ?? "policy"}: {e}").ToList());
        }

        var inputFiles = policy.NamedFiles().ToList();
        LintConfiguration? lintConfiguration = null;
        if (policy.Lint.Enabled)
        {
            var commandLine = new LintSettings
            {
                Ignored = policy.Lint.Ignore.Count > 0 ? policy.Lint.Ignore : null,
                TrustedRegistries = policy.Lint.TrustedRegistries.Count > 0 ? policy.Lint.TrustedRegistries : null,
            };
            var loaded = LintConfigurationLoader.Load(policy.Lint.ConfigFile is null ? null : policy.ResolvePath(policy.Lint.ConfigFile), root, options.Environment, commandLine);
            if (!loaded.Success)
            {
                return new GateRun(null, loaded.Errors.Select(e => e.ToString() ?? string.Empty).ToList());
            }

            lintConfiguration = loaded.Configuration;
            if (loaded.ConfigFile is { } found)
            {
                inputFiles.Add(Path.GetFullPath(found));
            }
        }

        var builder = new GateResultBuilder(policy, options.Now);
        using var vulnerabilities = policy.Vulnerabilities.Enabled ? Vulnerabilities.VulnerabilityGate.Open(policy, builder, options.FeedVulnerabilities is not null, cancellationToken) : null;
        var dockerfiles = policy.Lint.Dockerfiles.Count > 0
            ? policy.Lint.Dockerfiles.Select(f => Path.GetFullPath(Path.Combine(root, f))).ToList()
            : DockerfileLinter.FindDockerfiles(root).OrderBy(f => f, StringComparer.Ordinal).ToList();

        var evidence = GateEvidence.For(options.Evidence, policy);
        using var collector = new ImageEvidenceCollector(keys, identities, ImageEvidenceCollector.RedirectsLimitedTo(evidence, policy.BaseImages.AllowedRegistries)) { Notation = notation };
        var checkOptions = new CheckBaseOptions { Dockerfiles = dockerfiles, Rules = policy.BaseImages, Keys = keys, Identities = identities, Notation = notation, Evidence = evidence, Now = options.Now };
        var total = dockerfiles.Count + policy.Images.References.Count + (policy.Sbom.Enabled || policy.Licenses.Enabled ? 1 : 0);
        var done = 0;
        var baseImages = new List<BaseImageFacts>();
        foreach (var file in dockerfiles)
        {
            var display = Relative(root, file);
            options.Progress?.Report(new GateProgress("Dockerfile", display, done++, total));
            string text;
            try
            {
                text = await IO.InputFile.ReadAllTextAsync(file, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                builder.AddStepFailure(FindingSource.Lint, $"Cannot read {display}: {e.Message}");
                continue;
            }

            builder.AddDockerfile(display);
            var syntax = DockerfileParser.Parse(text, display);
            if (lintConfiguration is not null)
            {
                var lint = DockerfileLinter.Lint(syntax, lintConfiguration);
                foreach (var finding in lint.Findings)
                {
                    builder.AddLintFinding(finding.Code, finding.Severity.ToName(), finding.Message, new SourceLocation(display, finding.Line, finding.Column, finding.Span.EndLine == finding.Line ? finding.Span.EndColumn : finding.Column));
                }
            }

            var assessment = await BaseImageChecker.CheckTextAsync(text, display, checkOptions, collector, cancellationToken);
            if (assessment.Error is not null)
            {
                builder.AddStepFailure(FindingSource.BaseImage, $"The base images of {display} could not be listed: {assessment.Error}");
            }

            foreach (var image in assessment.Images)
            {
                builder.AddBaseImage(display, image);
                baseImages.Add(image.Facts);
            }
        }

        if (policy.Secrets.Enabled)
        {
            await ScanSecretsAsync(policy, root, dockerfiles, options, builder, cancellationToken);
        }

        if (dockerfiles.Count == 0 && policy.BaseImages.HasRules)
        {
            builder.AddStepFailure(FindingSource.BaseImage, $"No Dockerfile found under {options.Path}, so the base-image rules checked nothing.");
        }

        foreach (var image in policy.Images.References)
        {
            options.Progress?.Report(new GateProgress("image", image, done++, total));
            var reference = Oci.ImageLocation.ResolveLocalPath(image, policy.ResolvePath);
            var facts = await collector.CollectProducedAsync(reference, policy.Images, cancellationToken);
            builder.AddProducedImage(facts with { Reference = image }, ProducedImageEvaluator.Evaluate(policy.Images, facts));
        }

        // The licence check reads the SBOM, so a licences section makes one even when the policy writes none.
        if (policy.Sbom.Enabled || policy.Licenses.Enabled)
        {
            options.Progress?.Report(new GateProgress("SBOM", policy.Sbom.Project ?? options.Path, done++, total));
            await SbomAsync(options, root, epoch, builder, vulnerabilities, cancellationToken);
        }

        if (vulnerabilities is not null || (policy.Licenses.Enabled && policy.Licenses.Images != Vulnerabilities.VulnerabilityImages.None))
        {
            await ImageSbomChecksAsync(policy, evidence, baseImages, epoch, builder, vulnerabilities, cancellationToken);
        }

        options.Progress?.Report(new GateProgress("done", options.Path, done, total));
        var sourceRoot = Findings.SourceRoot.Find(root, name => options.Environment.GetValueOrDefault(name), Environment.CurrentDirectory);
        var built = builder.Build();
        if (options.VexOutputFile is { } vexOutput)
        {
            IO.AtomicFile.Write(Path.GetFullPath(vexOutput), System.Text.Encoding.UTF8.GetBytes(Vulnerabilities.VulnerabilityGate.OpenVexFromExceptions(built)));
        }

        return new GateRun(built with
        {
            Root = sourceRoot,
            LocationBase = root,
            InputFiles = [.. inputFiles.Distinct(StringComparer.Ordinal)],
            DependsOnDate = policy.DependsOnDate,
        }, []);
    }

    // The image SBOMs the policy judges besides the .NET SBOM: vulnerabilities.images against the vulnerability sources,
    // licenses.images against the licence policy. Each image's SBOM is made once for both.
    private static async Task ImageSbomChecksAsync(GatePolicy policy, ImageEvidenceOptions evidence, List<BaseImageFacts> baseImages, long? epoch, GateResultBuilder builder, Vulnerabilities.VulnerabilityGate? vulnerabilities, CancellationToken cancellationToken)
    {
        var forVulnerabilities = vulnerabilities is null ? [] : ImageTargets(policy.Vulnerabilities.Images, policy, evidence, baseImages, builder, Vulnerabilities.VulnerabilityRuleCatalog.SourceUnreadable.Id, "its packages were not checked for vulnerabilities");
        var forLicences = policy.Licenses.Enabled ? ImageTargets(policy.Licenses.Images, policy, evidence, baseImages, builder, GateRules.StepFailed.Id, "its packages' licences were not checked") : [];
        foreach (var (label, image, registry) in forVulnerabilities.Concat(forLicences).DistinctBy(t => t.Image))
        {
            var sbom = await PipelineGuard.Sbom.Image.ImageSbomGenerator.GenerateAsync(new PipelineGuard.Sbom.Image.ImageSbomOptions { Image = image, Registry = registry, SourceDateEpoch = epoch }, cancellationToken);
            var matched = forVulnerabilities.Any(t => t.Image == image);
            var judged = forLicences.Any(t => t.Image == image);
            if (sbom.Document is not { } document)
            {
                var why = $"{label}: no image SBOM: {string.Join("; ", sbom.Diagnostics.Select(d => d.Message))}";
                if (matched)
                {
                    builder.AddCheck(RuleCheck.Unknown(Vulnerabilities.VulnerabilityRuleCatalog.SourceUnreadable.Id, why), FindingSource.Sbom, label, location: null);
                }

                if (judged)
                {
                    builder.AddStepFailure(FindingSource.Sbom, why + "; its packages' licences were not checked.");
                }

                continue;
            }

            if (matched)
            {
                vulnerabilities!.Check(document, label, builder);
            }

            if (judged)
            {
                foreach (var finding in Licenses.LicenseChecker.Check(document, policy.Licenses, []))
                {
                    builder.AddLicenseFinding(finding with { Message = $"in image {label}: {finding.Message}" });
                }
            }
        }
    }

    // Which images a setting names: the produced images, and each base image once at the digest the base-image step
    // resolved, from its OCI layout when the policy maps one, else from its registry if the policy allows that registry
    // (a disallowed one is never contacted). An image that cannot be reached is a could-not-check finding under ruleId.
    private static List<(string Label, string Image, PipelineGuard.Oci.RegistryClientOptions Registry)> ImageTargets(Vulnerabilities.VulnerabilityImages which, GatePolicy policy, ImageEvidenceOptions evidence, List<BaseImageFacts> baseImages, GateResultBuilder builder, string ruleId, string consequence)
    {
        var targets = new List<(string Label, string Image, PipelineGuard.Oci.RegistryClientOptions Registry)>();
        if (which is Vulnerabilities.VulnerabilityImages.Produced or Vulnerabilities.VulnerabilityImages.All)
        {
            targets.AddRange(policy.Images.References.Select(image => (image, Oci.ImageLocation.ResolveLocalPath(image, policy.ResolvePath), evidence.Registry)));
        }

        if (which is Vulnerabilities.VulnerabilityImages.Base or Vulnerabilities.VulnerabilityImages.All)
        {
            foreach (var facts in baseImages.Where(f => !f.IsScratch).DistinctBy(f => (f.Name, f.ResolvedDigest)))
            {
                if (facts.ResolvedDigest is not { } digest)
                {
                    builder.AddCheck(RuleCheck.Unknown(ruleId, $"{facts.Written}: the base image could not be resolved ({facts.ResolutionError ?? "no digest"}), so {consequence}."), FindingSource.Sbom, facts.Written, facts.Location);
                }
                else if (evidence.Layouts.TryGetValue(facts.Name, out var layout))
                {
                    targets.Add((facts.Written, $"oci:{layout}:{digest}", evidence.Registry));
                }
                else if (policy.BaseImages.AllowedRegistries.Count == 0 || WildcardPattern.IsMatchAny(policy.BaseImages.AllowedRegistries, facts.Registry))
                {
                    var http = evidence.Registry.AllowHttp || WildcardPattern.IsMatchAny(evidence.AllowHttp, facts.Registry);
                    targets.Add((facts.Written, $"{facts.Name}@{digest}", evidence.Registry with { AllowHttp = http }));
                }
                else
                {
                    builder.AddCheck(RuleCheck.Unknown(ruleId, $"{facts.Written}: the policy does not allow its registry, so its packages were not read and {consequence}."), FindingSource.Sbom, facts.Written, facts.Location);
                }
            }
        }

        return targets;
    }

    private static async Task SbomAsync(GateOptions options, string root, long? epoch, GateResultBuilder builder, Vulnerabilities.VulnerabilityGate? vulnerabilities, CancellationToken cancellationToken)
    {
        var policy = options.Policy;
        var target = policy.Sbom.Project is null ? root : policy.ResolvePath(policy.Sbom.Project);
        var (input, error) = SbomInputResolver.Resolve(target);
        if (input is null)
        {
            builder.AddStepFailure(FindingSource.Sbom, $"No SBOM: {error?.Message ?? "nothing to describe"}");
            return;
        }

        var projects = input.Projects.Select(p => new ProjectSbomOptions
        {
            AssetsFile = p.AssetsFile,
            ProjectFile = p.ProjectFile,
            ExcludeDevelopmentDependencies = policy.Sbom.ExcludeDev,
            SourceDateEpoch = epoch,
        }).ToList();
        var result = input.Projects.Count == 1
            ? ProjectSbomGenerator.Generate(projects[0], cancellationToken)
            : ProjectSbomGenerator.GenerateMerged(projects, input.Name, cancellationToken);
        if (result.Document is not { } document)
        {
            builder.AddStepFailure(FindingSource.Sbom, $"No SBOM: {string.Join("; ", result.Diagnostics.Select(d => d.Message))}");
            return;
        }

        if (policy.Licenses.Enabled)
        {
            foreach (var finding in Licenses.LicenseChecker.Check(document, policy.Licenses, LicensedProjectFiles(input, root)))
            {
                builder.AddLicenseFinding(finding);
            }
        }

        if (vulnerabilities is not null)
        {
            if (vulnerabilities.ReadsFeed && options.FeedVulnerabilities is { } feed)
            {
                var (withFeed, feedErrors) = await feed(document, cancellationToken);
                if (withFeed is null)
                {
                    Vulnerabilities.VulnerabilityGate.FeedUnreadable(feedErrors, input.Name, builder);
                }
                else
                {
                    document = vulnerabilities.CheckFeed(withFeed, document.Vulnerabilities.Count, input.Name, builder);
                }
            }

            document = vulnerabilities.Check(document, input.Name, builder);
        }

        if (!policy.Sbom.Enabled)
        {
            return;
        }

        string? file = null;
        if (options.OutputDirectory is not null)
        {
            var format = SbomFormats.TryParse(policy.Sbom.Format, out var entry) ? entry : SbomFormats.All[0];
            _ = SbomFormats.TryParseSpecVersion(policy.Sbom.SpecVersion, out var spec);
            Directory.CreateDirectory(options.OutputDirectory);
            file = Path.Combine(options.OutputDirectory, input.Name + format.Extension);
            using var stream = new MemoryStream();
            format.Write(document, stream, spec);
            IO.AtomicFile.Write(file, stream.GetBuffer().AsSpan(0, (int)stream.Length));
        }

        var byLicense = document.Components
            .GroupBy(c => c.Licenses.Count == 0 ? "unknown" : string.Join(" AND ", c.Licenses.Select(l => l.Value)), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var byScope = document.Components
            .GroupBy(c => (c.Scope ?? SbomScope.Required).ToString().ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        builder.WithSbom(new SbomSummary(file is null ? null : Path.GetFileName(file), document.Components.Count, byLicense, byScope));
    }

    /// <summary>
    /// The project files whose PackageReference items locate licence findings: each input's project, or, for an assets
    /// file given alone, the project restore wrote into it (<c>project.restore.projectPath</c>) when that file exists.
    /// </summary>
    private static List<(string Path, string Display)> LicensedProjectFiles(SbomInput input, string root)
    {
        var files = new List<(string, string)>();
        foreach (var project in input.Projects)
        {
            var file = project.ProjectFile ?? AssetsFileReader.Read(project.AssetsFile).File?.Project.ProjectPath;
            if (file is not null && File.Exists(file))
            {
                files.Add((file, Relative(root, file)));
            }
        }

        return files;
    }

    /// <summary>
    /// The secrets step: each Dockerfile's build context (taken to be its folder, as <c>docker build -f X dir/</c> of
    /// its own folder sends it) when <c>secrets.context</c> is on, and each of <c>secrets.paths</c>.
    /// </summary>
    private static async Task ScanSecretsAsync(GatePolicy policy, string root, List<string> dockerfiles, GateOptions options, GateResultBuilder builder, CancellationToken cancellationToken)
    {
        var jobs = new List<(Secrets.SecretsJobOptions Options, string Display)>();
        if (policy.Secrets.Context)
        {
            jobs.AddRange(dockerfiles.Select(d => (new Secrets.SecretsJobOptions { Kind = Secrets.SecretTargetKind.Context, Target = Path.GetDirectoryName(d)!, Dockerfile = d }, Relative(root, d))));
        }

        jobs.AddRange(policy.Secrets.Paths.Select(p => (new Secrets.SecretsJobOptions { Target = policy.ResolvePath(p) }, p)));
        foreach (var (job, display) in jobs)
        {
            var outcome = await Secrets.SecretsJob.RunAsync(job with { Allow = policy.Secrets.Allow, Now = options.Now }, cancellationToken);
            if (outcome.Result is not { } result)
            {
                builder.AddStepFailure(FindingSource.Secrets, $"The secrets scan of {display} could not run: {outcome.Error}");
                continue;
            }

            builder.AddSecretScan(result, finding => result.BaseFolder is { } folder
                ? new SourceLocation(Relative(root, Path.Combine(folder, finding.Path)), finding.Line, finding.Column, finding.Column)
                : new SourceLocation(Relative(root, result.Archive ?? job.Target), 1, 1, 1));
        }
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
