// The repository's own pipeline, dogfooding PipelineGuard: run by the Pack target of build.cake with `dotnet cake`,
// from artifacts/pipelineguard (whose nuget.config puts artifacts/packages first), so it loads the Cake.PipelineGuard
// addin that was just packed. A script cannot #addin a package that its own run has still to build.
#addin nuget:?package=Cake.PipelineGuard&loaddependencies=true
using PipelineGuard.Gate;
using PipelineGuard.Provenance;

var root = MakeAbsolute(Directory(Argument<string>("root"))).FullPath;
var artifacts = $"{root}/artifacts";
var packages = $"{artifacts}/packages";
var signing = $"{artifacts}/signing";
var version = PipelineGuardVersion();
var projects = new[] { "PipelineGuard.Core", "PipelineGuard.Cli", "PipelineGuard.MSBuild", "Cake.PipelineGuard" };
Information("PipelineGuard {0}: the addin just packed, checking its own packages", version);

// 1. An SBOM per package, beside it as <PackageId>.<Version>.cdx.json (the name the MSBuild package uses).
var shortVersion = version.Split('+')[0];
var sboms = new List<PipelineGuardSbomFile>();
foreach (var project in projects)
{
    var sbom = PipelineGuardSbom($"{root}/src/{project}/{project}.csproj", new PipelineGuardSbomSettings()
        .WithOutputFile($"{packages}/{project}.{shortVersion}.cdx.json")
        .WithExcludeDevelopmentDependencies());
    sboms.AddRange(sbom.Files);
}

// 2. Lint the samples' Dockerfiles; findings go to the gate report and a SARIF file for code scanning.
var dockerfiles = DirectoryExists($"{root}/samples") ? GetFiles($"{root}/samples/**/Dockerfile") : new FilePathCollection();
if (dockerfiles.Count == 0)
{
    throw new CakeException($"No Dockerfile under {root}/samples to lint.");
}

var lint = PipelineGuardLint(dockerfiles.Cast<Cake.Core.IO.Path>(), new PipelineGuardLintSettings()
    .WithFailureThreshold(LintSeverity.Error)
    .WithReport($"{artifacts}/lint.sarif")
    .WithFailOnError(false));

// 3. Sign every package and SBOM: the release key from the environment, or a throwaway key, clearly labelled.
EnsureDirectoryExists(signing);
FilePath key, publicKey;
string password = null;
var releaseKey = EnvironmentVariable("PIPELINEGUARD_SIGNING_KEY");
if (!string.IsNullOrEmpty(releaseKey))
{
    var releasePublicKey = EnvironmentVariable("PIPELINEGUARD_SIGNING_PUBLIC_KEY");
    if (string.IsNullOrEmpty(releasePublicKey))
    {
        throw new CakeException("PIPELINEGUARD_SIGNING_KEY is set but PIPELINEGUARD_SIGNING_PUBLIC_KEY is not: name the public key too, so the bundles can be verified.");
    }

    key = releaseKey;
    publicKey = releasePublicKey;
    password = EnvironmentVariable("PIPELINEGUARD_SIGNING_KEY_PASSWORD");
    Information("Signing with the release key {0}", key);
}
else
{
    // The password only has to live as long as this run: the key is thrown away with artifacts/.
    password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
    var pair = PipelineGuardGenerateKeyPair($"{signing}/throwaway", new PipelineGuardGenerateKeyPairSettings().WithKeyPassword(password).WithOverwrite());
    key = pair.PrivateKey;
    publicKey = pair.PublicKey;
    Warning("THROWAWAY KEY: PIPELINEGUARD_SIGNING_KEY is not set, so the packages are signed with a throwaway key made for this run ({0}).", publicKey);
    Warning("THROWAWAY KEY: these signatures only prove the files did not change after this build; they say nothing about who built them.");
}

CopyFile(publicKey, $"{signing}/public-key.pem");
var toSign = GetFiles($"{packages}/*.nupkg").Concat(sboms.Select(s => s.Path)).ToList();
foreach (var file in toSign)
{
    var settings = new PipelineGuardSignBlobSettings().WithKey(key);
    if (password is not null)
    {
        settings.WithKeyPassword(password);
    }

    PipelineGuardSignBlob(file, settings);
    PipelineGuardVerifyBlob(file, new PipelineGuardVerifyBlobSettings().WithKey(publicKey));
}

// 4. The gate report: lint findings and SBOM counts under the default policy, as JSON and Markdown.
var gate = new GateResultBuilder(new GatePolicy { BaseDirectory = root }, DateTimeOffset.UtcNow);
foreach (var finding in lint.Findings)
{
    gate.AddLintFinding(finding.Code, finding.Severity.ToName(), finding.Message,
        new SourceLocation(System.IO.Path.GetRelativePath(root, finding.File), finding.Line, finding.Column, finding.Column));
}

foreach (var file in lint.Files)
{
    gate.AddDockerfile(System.IO.Path.GetRelativePath(root, file.File));
}

var components = sboms.Sum(s => s.Components);
gate.WithSbom(new SbomSummary("artifacts/packages", components, new Dictionary<string, int>(), new Dictionary<string, int>()));
var report = gate.Build();
System.IO.File.WriteAllText($"{artifacts}/gate-report.json", GateJsonWriter.Write(report));
System.IO.File.WriteAllText($"{artifacts}/gate-report.md", MarkdownSummaryWriter.Write(report));
Information("pipelineguard gate: {0}: {1} Dockerfile(s), {2} finding(s), {3} SBOM(s), {4} file(s) signed; report {5}",
    report.Passed ? "passed" : "failed", lint.Files.Count, lint.Findings.Count, sboms.Count, toSign.Count, $"{artifacts}/gate-report.json");
if (!report.Passed)
{
    throw new CakeException($"The gate failed; see {artifacts}/gate-report.md");
}
