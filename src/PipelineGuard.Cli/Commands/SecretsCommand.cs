using System.CommandLine;
using PipelineGuard.Findings;
using PipelineGuard.Oci;
using PipelineGuard.Secrets;

namespace PipelineGuard.Cli.Commands;

/// <summary>
/// <c>pipelineguard secrets [PATH] | --image REF | --context DIR [--dockerfile F]</c>: one target, one report. Exit 1
/// when a secret is found or the scan could not look at everything, 0 when it found none, 2 for a usage error.
/// </summary>
internal static class SecretsCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("PATH") { Description = "A folder, a file, or a package (.nupkg, .snupkg, .zip) to scan; the current folder when nothing is named.", Arity = ArgumentArity.ZeroOrOne };
        var image = new Option<string?>("--image") { Description = "Scan an image's config and every layer (a registry reference, oci:DIR[:TAG] or docker-archive:FILE)." };
        var context = new Option<string?>("--context") { Description = "Scan the build context a Dockerfile's build sends, filtered by its .dockerignore." };
        var dockerfile = new Option<string?>("--dockerfile") { Description = "With --context: the Dockerfile (default: Dockerfile in the context)." };
        var format = new Option<string>("--format", "-f") { Description = $"Report form: {string.Join(", ", SecretReportWriter.Names)}.", DefaultValueFactory = _ => "tty" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var allowHttp = new Option<bool>("--allow-http-registry") { Description = "With --image: allow a plain-HTTP registry." };
        var command = new Command("secrets", "Find credentials in a folder, a package, a Docker build context or an image; a secret is never printed, only its rule, place, a redacted preview and its SHA-256.")
        {
            path, image, context, dockerfile, format, output, allowHttp,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var named = new[] { parse.GetValue(path) is not null, parse.GetValue(image) is not null, parse.GetValue(context) is not null }.Count(b => b);
            if (named > 1)
            {
                await stderr.WriteLineAsync("pipelineguard secrets: name one of PATH, --image or --context.");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(dockerfile) is not null && parse.GetValue(context) is null)
            {
                await stderr.WriteLineAsync("pipelineguard secrets: --dockerfile needs --context.");
                return ExitCodes.Usage;
            }

            if (!SecretReportWriter.TryParse(parse.GetValue(format), out var form))
            {
                await stderr.WriteLineAsync($"pipelineguard secrets: --format '{parse.GetValue(format)}' is not one of {string.Join(", ", SecretReportWriter.Names)}.");
                return ExitCodes.Usage;
            }

            var options = parse.GetValue(image) is { } reference
                ? new SecretsJobOptions { Kind = SecretTargetKind.Image, Target = reference, Registry = new RegistryClientOptions { AllowHttp = parse.GetValue(allowHttp) } }
                : parse.GetValue(context) is { } folder
                    ? new SecretsJobOptions { Kind = SecretTargetKind.Context, Target = folder, Dockerfile = parse.GetValue(dockerfile) }
                    : new SecretsJobOptions { Target = parse.GetValue(path) ?? "." };
            var job = await SecretsJob.RunAsync(options, cancellationToken);
            if (job.Result is not { } result)
            {
                await stderr.WriteLineAsync($"pipelineguard secrets: {job.Error}");
                return job.IsUsageError ? ExitCodes.Usage : ExitCodes.Fail;
            }

            var root = SourceRoot.Find(result.BaseFolder ?? Environment.CurrentDirectory, Environment.GetEnvironmentVariable, Environment.CurrentDirectory);
            var report = SecretReportWriter.Write(result, form, root);
            if (parse.GetValue(output) is { } file)
            {
                IO.AtomicFile.Write(file, System.Text.Encoding.UTF8.GetBytes(report));
                await stderr.WriteLineAsync($"wrote {file}: {(job.Passed ? "no secret found" : result.Findings.Count > 0 ? $"{result.Findings.Count} secret(s) found" : "the scan is incomplete")}");
            }
            else
            {
                await parse.InvocationConfiguration.Output.WriteAsync(report);
            }

            return job.Passed ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }
}
