using System.CommandLine;
using System.Text;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;

namespace PipelineGuard.Cli.Commands;

/// <summary>
/// <c>pipelineguard sbom PATH</c>: the SBOM of a project, a solution (one per project, or one with <c>--merge</c>), a
/// directory or a <c>project.assets.json</c>. It translates options into <see cref="ProjectSbomOptions"/> and prints.
/// </summary>
internal static class SbomCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("PATH") { Description = "A project, solution, directory or project.assets.json.", Arity = ArgumentArity.ZeroOrOne };
        var image = new Option<string?>("--image") { Description = "SBOM of a container image instead: a registry reference, oci:DIR[:TAG] or docker-archive:FILE." };
        var platform = new Option<string?>("--platform") { Description = "With --image: the platform to pick from a multi-platform image (os/arch[/variant]; default linux/amd64)." };
        var allowHttp = new Option<bool>("--allow-http-registry") { Description = "With --image: allow a plain-HTTP registry." };
        var output = new Option<string?>("--output", "-o") { Description = "Output file (or directory, for a solution without --merge). Default: standard output for one SBOM, the current directory for several." };
        var format = new Option<string>("--format", "-f") { Description = "cyclonedx-json, cyclonedx-xml or spdx-json.", DefaultValueFactory = _ => "cyclonedx-json" };
        format.AcceptOnlyFromAmong([.. SbomFormats.Names]);
        var specVersion = new Option<string>("--spec-version") { Description = "CycloneDX version: 1.6 or 1.7.", DefaultValueFactory = _ => "1.6" };
        specVersion.AcceptOnlyFromAmong([.. SbomFormats.SpecVersionNames]);
        var excludeDev = new Option<bool>("--exclude-dev") { Description = "Leave out development-only dependencies (PrivateAssets=all, developmentDependency packages)." };
        var framework = new Option<string?>("--framework") { Description = "Only this target framework (for example net8.0)." };
        var runtime = new Option<string?>("--runtime", "-r") { Description = "Describe the restore graph of this runtime identifier (for example linux-x64) in every framework: what a RID-specific build or publish deploys. Default: the project's only RID when it was restored for exactly one, else the RID-less graph." };
        var allowIncomplete = new Option<bool>("--allow-incomplete") { Description = "Write the SBOM even when restore failed (unresolved packages, restore errors), marked incomplete (CycloneDX compositions, an SPDX annotation). Default: such a project is an error." };
        var noMSBuild = new Option<bool>("--no-msbuild") { Description = "Find each project's assets file from the files only (obj/, or the artifacts layout Directory.Build.props proves); never ask MSBuild." };
        var merge = new Option<bool>("--merge") { Description = "For a solution: one SBOM for all projects instead of one per project." };
        var vulnerabilities = new Option<bool>("--vulnerabilities") { Description = "Add known vulnerabilities from the feeds' vulnerability data (cached on disk; the only step that uses the network)." };
        var vulnerabilitySources = new Option<string[]>("--vulnerability-source") { Description = "A feed (v3 service index URL) to read vulnerability data from; default: the http(s) sources restore used.", AllowMultipleArgumentsPerToken = false };
        var vulnDb = new Option<string[]>("--vuln-db") { Description = "With --vulnerabilities: match offline OSV data instead of the feeds, a folder of OSV .json records or an OSV all.zip (repeatable; no network).", HelpName = "PATH", AllowMultipleArgumentsPerToken = false };
        var vex = new Option<string[]>("--vex") { Description = "With --vuln-db: an OpenVEX or CycloneDX VEX file whose not_affected and fixed statements mark matches as suppressed (repeatable).", HelpName = "FILE", AllowMultipleArgumentsPerToken = false };
        var signatures = new Option<bool>("--signatures") { Description = "Record each package's signature (author, repository with its service index URL, unsigned) from the .nupkg files." };
        var vulnerabilityCache = new Option<string?>("--vulnerability-cache") { Description = "Folder for cached vulnerability data (default: the user's local application data)." };
        var property = new Option<string[]>("--property", "-p") { Description = "An evaluated project property for the root component, NAME=VALUE (repeatable; PackageId, Version, Authors, RepositoryUrl, RepositoryCommit...). The MSBuild targets pass them when they run the tool.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("sbom", "Write the SBOM of a restored .NET project or solution (CycloneDX 1.6/1.7 JSON or XML, SPDX 2.3 JSON). Reproducible when SOURCE_DATE_EPOCH is set.")
        {
            path, output, format, specVersion, excludeDev, framework, runtime, merge, allowIncomplete, noMSBuild, property, vulnerabilities, vulnerabilitySources, vulnerabilityCache, vulnDb, vex, signatures, image, platform, allowHttp,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var sbomFormat = SbomFormats.TryParse(parse.GetValue(format), out var entry) ? entry.Format : SbomFormat.CycloneDxJson;
            _ = SbomFormats.TryParseSpecVersion(parse.GetValue(specVersion), out var spec);
            if (!SourceDateEpoch.TryParse(Environment.GetEnvironmentVariable(SourceDateEpoch.VariableName), out var epoch, out var epochError))
            {
                await stderr.WriteLineAsync($"pipelineguard: {epochError}.");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(image) is { } imageReference)
            {
                if (parse.GetValue(path) is not null)
                {
                    await stderr.WriteLineAsync("pipelineguard: give either PATH or --image, not both.");
                    return ExitCodes.Usage;
                }

                if (parse.GetValue(vulnerabilities) && parse.GetValue(vulnDb) is not { Length: > 0 })
                {
                    await stderr.WriteLineAsync("pipelineguard: an image's packages are matched against offline OSV data: give --vuln-db PATH with --vulnerabilities.");
                    return ExitCodes.Usage;
                }

                return await ImageSbomCommand.RunAsync(stdout, stderr, imageReference, parse.GetValue(platform), parse.GetValue(allowHttp), parse.GetValue(output), sbomFormat, spec, epoch, cancellationToken,
                    parse.GetValue(vulnerabilities) ? parse.GetValue(vulnDb) : null, parse.GetValue(vex));
            }

            if (parse.GetValue(path) is not { } pathValue)
            {
                await stderr.WriteLineAsync("pipelineguard: sbom needs a PATH or --image REF. Run 'pipelineguard sbom --help' for usage.");
                return ExitCodes.Usage;
            }

            var (properties, propertyError) = SbomPropertyArguments.Parse(parse.GetValue(property) ?? []);
            if (propertyError is not null)
            {
                await stderr.WriteLineAsync($"pipelineguard: {propertyError}");
                return ExitCodes.Usage;
            }

            var (input, resolveDiagnostics) = await SbomInputResolver.ResolveAsync(pathValue, askMSBuild: !parse.GetValue(noMSBuild), cancellationToken);
            foreach (var diagnostic in resolveDiagnostics)
            {
                await stderr.WriteLineAsync(diagnostic.ToString());
            }

            if (input is null)
            {
                return ExitCodes.Usage;
            }

            foreach (var project in input.Projects)
            {
                await stderr.WriteLineAsync($"pipelineguard: {project.Name}: reading {project.AssetsFile} ({project.OriginText})");
            }

            var options = input.Projects.Select(p => new ProjectSbomOptions
            {
                AssetsFile = p.AssetsFile,
                ProjectFile = p.ProjectFile,
                Framework = parse.GetValue(framework),
                RuntimeIdentifier = parse.GetValue(runtime) is { Length: > 0 } rid ? rid : null,
                ExcludeDevelopmentDependencies = parse.GetValue(excludeDev),
                AllowIncomplete = parse.GetValue(allowIncomplete),
                SourceDateEpoch = epoch,
                Properties = properties,
            }).ToList();

            // Make every document before writing any, so a failure leaves no partial output.
            var documents = new List<(string Name, SbomDocument Document)>();
            var restoreSources = new SortedSet<string>(StringComparer.Ordinal);
            var packageFolders = new List<string>();
            var failed = false;
            if (!input.IsSolution || parse.GetValue(merge))
            {
                var result = input.IsSolution
                    ? ProjectSbomGenerator.GenerateMerged(options, input.Name, cancellationToken)
                    : ProjectSbomGenerator.Generate(options[0], cancellationToken);
                failed |= await Report(stderr, result);
                restoreSources.UnionWith(result.RestoreSources);
                packageFolders.AddRange(result.PackageFolders);
                if (result.Document is not null)
                {
                    documents.Add((input.IsSolution ? input.Name : result.Document.Metadata.Component?.Name ?? input.Name, result.Document));
                }
            }
            else
            {
                foreach (var (project, projectOptions) in input.Projects.Zip(options))
                {
                    var result = ProjectSbomGenerator.Generate(projectOptions, cancellationToken);
                    failed |= await Report(stderr, result);
                    restoreSources.UnionWith(result.RestoreSources);
                    packageFolders.AddRange(result.PackageFolders);
                    if (result.Document is not null)
                    {
                        documents.Add((project.Name, result.Document));
                    }
                }
            }

            if (!failed && parse.GetValue(signatures))
            {
                for (var i = 0; i < documents.Count; i++)
                {
                    var signed = await PipelineGuard.Sbom.Signatures.NuGetSignatureReader.AddSignaturesAsync(documents[i].Document, packageFolders.Distinct().ToList(), cancellationToken);
                    documents[i] = (documents[i].Name, epoch is null ? signed : signed with { SerialNumber = SbomSerialNumber.FromContent(signed) });
                }
            }

            if (!failed && parse.GetValue(vulnerabilities) && parse.GetValue(vulnDb) is { Length: > 0 } databases)
            {
                for (var i = 0; i < documents.Count && !failed; i++)
                {
                    var enriched = PipelineGuard.Vulnerabilities.OsvSbomEnricher.Enrich(documents[i].Document, [.. databases.Select(Path.GetFullPath)], [.. (parse.GetValue(vex) ?? []).Select(Path.GetFullPath)], cancellationToken);
                    foreach (var error in enriched.Errors)
                    {
                        await stderr.WriteLineAsync($"pipelineguard: could not check vulnerabilities: {error}");
                    }

                    failed |= enriched.Document is null;
                    if (enriched.Document is { } document)
                    {
                        documents[i] = (documents[i].Name, epoch is null ? document : document with { SerialNumber = SbomSerialNumber.FromContent(document) });
                    }
                }
            }
            else if (!failed && parse.GetValue(vulnerabilities))
            {
                var sources = parse.GetValue(vulnerabilitySources) is { Length: > 0 } named
                    ? named
                    : restoreSources.Where(s => s.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).ToArray();
                var vulnerabilityOptions = new PipelineGuard.Sbom.Vulnerabilities.NuGetVulnerabilityOptions
                {
                    Sources = sources,
                    CacheDirectory = parse.GetValue(vulnerabilityCache) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PipelineGuard", "vulnerabilities"),
                };
                for (var i = 0; i < documents.Count && !failed; i++)
                {
                    var enriched = await PipelineGuard.Sbom.Vulnerabilities.NuGetVulnerabilityEnricher.EnrichAsync(documents[i].Document, vulnerabilityOptions, cancellationToken);
                    foreach (var diagnostic in enriched.Diagnostics)
                    {
                        await stderr.WriteLineAsync(diagnostic.ToString());
                    }

                    failed |= enriched.Document is null;
                    if (enriched.Document is not null)
                    {
                        // The vulnerabilities are content too: a content-derived serial number must cover them.
                        var document = epoch is null ? enriched.Document : enriched.Document with { SerialNumber = SbomSerialNumber.FromContent(enriched.Document) };
                        documents[i] = (documents[i].Name, document);
                    }
                }
            }

            if (failed)
            {
                await stderr.WriteLineAsync("pipelineguard: no SBOM written.");
                return ExitCodes.Fail;
            }

            var target = parse.GetValue(output);
            var several = documents.Count > 1 || (input.IsSolution && !parse.GetValue(merge));
            if (target is null && !several)
            {
                using var buffer = new MemoryStream(4096 + (documents[0].Document.Components.Count * 2560));
                SbomWriter.Write(documents[0].Document, buffer, sbomFormat, spec);
                await stdout.WriteAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                return ExitCodes.Pass;
            }

            var toDirectory = several || (target is not null && (Directory.Exists(target) || target.EndsWith('/') || target.EndsWith(Path.DirectorySeparatorChar)));
            foreach (var (name, document) in documents)
            {
                var file = toDirectory ? Path.Combine(target ?? Directory.GetCurrentDirectory(), name + SbomWriter.Extension(sbomFormat)) : target!;
                var written = await SbomWriter.WriteFileIfChangedAsync(document, file, sbomFormat, spec, cancellationToken);
                await stderr.WriteLineAsync($"{(written ? "wrote" : "unchanged")} {file}");
            }

            return ExitCodes.Pass;
        });
        return command;
    }

    private static async Task<bool> Report(TextWriter stderr, ProjectSbomResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            await stderr.WriteLineAsync(diagnostic.ToString());
        }

        return !result.Succeeded;
    }
}
