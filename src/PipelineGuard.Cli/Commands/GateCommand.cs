using System.CommandLine;
using System.Collections;
using PipelineGuard.Gate;

namespace PipelineGuard.Cli.Commands;

/// <summary>
/// <c>pipelineguard gate [PATH] [--policy F]</c>: lint, SBOM, base-image provenance and produced-image checks from one
/// policy, written as JSON, SARIF, Markdown and HTML; the Markdown goes to <c>$GITHUB_STEP_SUMMARY</c> when set, and
/// findings become GitHub, GitLab or Azure annotations when running there.
/// </summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "The folder to check (default: the current folder).", DefaultValueFactory = _ => "." };
        var formats = new Option<string[]>("--format", "-f") { Description = "Report forms to write: json, sarif, markdown, html (repeatable; default all).", AllowMultipleArgumentsPerToken = true };
        formats.AcceptOnlyFromAmong([.. GateReportFormats.Names]);
        var outputDir = new Option<string>("--output-dir", "-o") { Description = "Where the reports and the SBOM are written.", DefaultValueFactory = _ => "pipelineguard-report" };
        var annotations = new Option<string>("--annotations") { Description = "How findings are printed: auto (GitHub, GitLab or Azure when running there, else plain), plain, github, gitlab, azure, msbuild (canonical lines for MSBuild's Exec).", DefaultValueFactory = _ => "auto" };
        annotations.AcceptOnlyFromAmong("auto", "plain", "github", "gitlab", "azure", "msbuild");
        var inputsList = new Option<string?>("--inputs-list") { Description = "Also write the files the run read (policy, keys, lint configuration, OCI layouts) to this file, one a line, with ':daily' when the outcome depends on the date; the MSBuild package uses it for incremental builds.", HelpName = "FILE" };
        var vulnDb = new Option<string[]>("--vuln-db") { Description = "An OSV folder or all.zip to match the SBOMs against, besides the policy's vulnerabilities.sources (repeatable).", HelpName = "PATH", AllowMultipleArgumentsPerToken = false };
        var vex = new Option<string[]>("--vex") { Description = "An OpenVEX or CycloneDX VEX file whose not_affected and fixed statements suppress findings, besides the policy's vulnerabilities.vex (repeatable).", HelpName = "FILE", AllowMultipleArgumentsPerToken = false };
        var vexOutput = new Option<string?>("--vex-output") { Description = "Write the vulnerability findings the policy's exceptions cover as an OpenVEX document (not_affected, the exception's reason as impact statement).", HelpName = "FILE" };
        var arguments = new PolicyArguments();
        var command = new Command("gate", "Run the whole gate from one policy file (pipelineguard.yaml): lint, SBOM, base images, produced images; one report in JSON, SARIF, Markdown and HTML.")
        {
            path, formats, outputDir, annotations, inputsList, vulnDb, vex, vexOutput, arguments.Policy, arguments.AllowHttpRegistry,
        };
        // How base images' signatures are verified, beside the policy file's: the MSBuild package passes its properties so.
        foreach (var option in arguments.SignatureOptions)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var root = parse.GetValue(path)!;
            if (!Directory.Exists(root))
            {
                await stderr.WriteLineAsync($"pipelineguard: {root}: no such directory.");
                return ExitCodes.Usage;
            }

            var (policy, error) = arguments.Build(parse, Path.Combine(root, PolicyLoader.DefaultFileName), requireFile: true, warnings: stderr);
            if (policy is null)
            {
                await stderr.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            // Command-line sources and VEX files add to the policy's, resolved from the current folder.
            var cliSources = (parse.GetValue(vulnDb) ?? []).Select(Path.GetFullPath).ToList();
            var cliVex = (parse.GetValue(vex) ?? []).Select(Path.GetFullPath).ToList();
            if (cliSources.Count > 0 || cliVex.Count > 0)
            {
                policy = policy with { Vulnerabilities = policy.Vulnerabilities with { Sources = [.. policy.Vulnerabilities.Sources, .. cliSources], Vex = [.. policy.Vulnerabilities.Vex, .. cliVex] } };
            }

            var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);
            var output = Path.GetFullPath(parse.GetValue(outputDir)!);
            var options = new GateJobOptions
            {
                Gate = new GateOptions
                {
                    Path = root,
                    Policy = policy,
                    OutputDirectory = output,
                    Evidence = arguments.Evidence(parse),
                    Environment = environment,
                    VexOutputFile = parse.GetValue(vexOutput) is { Length: > 0 } vexFile ? Path.GetFullPath(vexFile) : null,
                    FeedVulnerabilities = FeedVulnerabilitiesAsync,
                },
                Formats = parse.GetValue(formats) is { Length: > 0 } chosen ? chosen : GateReportFormats.Names,
                InputsListFile = parse.GetValue(inputsList) is { Length: > 0 } list ? Path.GetFullPath(list) : null,
            };
            GateJobResult job;
            try
            {
                job = await TerminalProgress.ForGateAsync(stderr, progress => GateJob.RunAsync(options with { Gate = options.Gate with { Progress = progress } }, cancellationToken));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"pipelineguard: cannot write the reports in {output} ({e.Message}).");
                return ExitCodes.Fail;
            }

            if (job.Run.Result is not { } result)
            {
                foreach (var problem in job.Run.ConfigurationErrors)
                {
                    await stderr.WriteLineAsync(problem);
                }

                return ExitCodes.Usage;
            }

            var reports = job.Reports.ToList();
            if (environment.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
            {
                await File.AppendAllTextAsync(summary, MarkdownSummaryWriter.Write(result), cancellationToken);
            }

            var ci = parse.GetValue(annotations) switch
            {
                "plain" => CiSystem.None,
                "github" => CiSystem.GitHubActions,
                "gitlab" => CiSystem.GitLab,
                "azure" => CiSystem.AzurePipelines,
                "msbuild" => CiSystem.MSBuild,
                _ => CiDetector.Detect(name => environment.GetValueOrDefault(name)),
            };
            if (ci == CiSystem.GitLab)
            {
                var file = Path.Combine(output, "gl-code-quality-report.json");
                await PipelineGuard.IO.AtomicFile.WriteTextAsync(file, CiAnnotationWriter.WriteGitLabCodeQuality(result), cancellationToken: cancellationToken);
                reports.Add(file);
            }

            await stdout.WriteAsync(CiAnnotationWriter.Write(result, ci, root));
            if (ci != CiSystem.MSBuild)
            {
                // What was checked, in plain words; MSBuild logs its own diagnostics and needs only the verdict.
                foreach (var line in GatePlainSummary.Lines(result))
                {
                    await stdout.WriteLineAsync(line);
                }
            }

            await stdout.WriteLineAsync(result.Summary);
            foreach (var report in reports)
            {
                await stdout.WriteLineAsync($"  report: {Path.GetRelativePath(Environment.CurrentDirectory, report)}");
            }

            return result.Passed ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    // vulnerabilities.sources: [nuget-feed] reads nuget.org's vulnerability resource, cached as the sbom verb caches it.
    private static async Task<(PipelineGuard.Sbom.SbomDocument? Document, IReadOnlyList<string> Errors)> FeedVulnerabilitiesAsync(PipelineGuard.Sbom.SbomDocument document, CancellationToken cancellationToken)
    {
        var options = new PipelineGuard.Sbom.Vulnerabilities.NuGetVulnerabilityOptions
        {
            Sources = ["https://api.nuget.org/v3/index.json"],
            CacheDirectory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PipelineGuard", "vulnerabilities"),
        };
        var result = await PipelineGuard.Sbom.Vulnerabilities.NuGetVulnerabilityEnricher.EnrichAsync(document, options, cancellationToken);
        return (result.Document, [.. result.Diagnostics.Select(d => d.Message)]);
    }
}
