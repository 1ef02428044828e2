using System.CommandLine;
using PipelineGuard.Provenance.Build;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard provenance SUBJECT... -o FILE [--sbom F] [--base-image REF@DIGEST]... [--builder-id|--source-*]</c>.</summary>
internal static class ProvenanceCommand
{
    public static Command Create()
    {
        var subjects = new Argument<string[]>("SUBJECT") { Description = "Files, or images as NAME@sha256:HEX, the provenance is about.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the in-toto Statement (SLSA provenance v1).", Required = true };
        var sbom = new Option<string?>("--sbom") { Description = "A CycloneDX JSON SBOM whose NuGet packages are listed as resolved dependencies." };
        var baseImages = new Option<string[]>("--base-image") { Description = "A base image the build used, pinned as NAME@sha256:HEX (repeatable).", AllowMultipleArgumentsPerToken = false };
        var builderId = new Option<string?>("--builder-id") { Description = "The builder id, instead of the CI system's." };
        var repository = new Option<string?>("--source-repository") { Description = "The source repository URI, instead of the CI system's or the git checkout's." };
        var commit = new Option<string?>("--source-commit") { Description = "The source commit, instead of the CI system's or the git checkout's." };
        var sourceRef = new Option<string?>("--source-ref") { Description = "The source ref, instead of the CI system's or the git checkout's." };
        var command = new Command("provenance", "Write SLSA provenance v1 for files or image digests, from the CI environment (GitHub Actions, GitLab CI, Azure Pipelines) or, outside one, as a local build.")
        {
            subjects, output, sbom, baseImages, builderId, repository, commit, sourceRef,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await ProvenanceJob.RunAsync(new ProvenanceJobOptions
            {
                Subjects = parse.GetValue(subjects) ?? [],
                OutputPath = parse.GetValue(output)!,
                SbomPath = parse.GetValue(sbom),
                BaseImages = parse.GetValue(baseImages) ?? [],
                BuilderId = parse.GetValue(builderId),
                SourceRepository = parse.GetValue(repository),
                SourceCommit = parse.GetValue(commit),
                SourceRef = parse.GetValue(sourceRef),
            }, cancellationToken);
            if (result.Statement is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard provenance: {result.Error}");
                return ExitCodes.Fail;
            }

            var local = result.Source == PipelineGuard.Signing.ProvenanceSource.Local ? " (a local build: nothing vouches for the builder)" : string.Empty;
            await parse.InvocationConfiguration.Error.WriteLineAsync($"Wrote SLSA provenance for {result.Statement.Subjects.Count} subject(s) from {result.Source}{local} to {parse.GetValue(output)}");
            return ExitCodes.Pass;
        });
        return command;
    }
}
