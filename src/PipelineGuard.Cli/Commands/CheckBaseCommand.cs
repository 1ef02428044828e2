using System.CommandLine;
using PipelineGuard.Findings;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard check-base DOCKERFILE...</c>: base-image provenance for every <c>FROM</c>, from a policy file or the same rules as flags.</summary>
internal static class CheckBaseCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("DOCKERFILE") { Description = "Dockerfiles to check.", Arity = ArgumentArity.OneOrMore };
        var arguments = new PolicyArguments();
        var format = new Option<string>("--format", "-f") { Description = "text, json, sarif or markdown.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "markdown");
        var command = new Command("check-base", "Check every FROM image: allowed registry, pinned digest, signature by a trusted key, keyless identity or Notation trust policy, SLSA provenance from a trusted builder, age, deny lists.") { files, format };
        foreach (var option in arguments.RuleOptions)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            // As gate does: ./pipelineguard.yaml is the policy when no --policy is given and the file exists.
            var (policy, error) = arguments.Build(parse, PolicyLoader.DefaultFileName, warnings: stderr);
            if (policy is null)
            {
                await stderr.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            var run = await CheckBaseJob.RunAsync(new CheckBaseJobOptions
            {
                Dockerfiles = parse.GetValue(files)!,
                Policy = policy,
                Evidence = arguments.Evidence(parse),
            }, cancellationToken);
            if (run.Result is not { } gate)
            {
                foreach (var problem in run.ConfigurationErrors)
                {
                    await stderr.WriteLineAsync(problem == CheckBaseJob.NoRulesError
                        ? "pipelineguard: no base-image rules: pass --policy FILE or flags such as --require-digest, --allowed-registry R, --key PUB, --certificate-identity I --certificate-oidc-issuer O."
                        : $"pipelineguard: {problem}");
                }

                return ExitCodes.Usage;
            }

            switch (parse.GetValue(format))
            {
                case "json":
                    await stdout.WriteAsync(GateJsonWriter.Write(gate));
                    break;
                case "sarif":
                    await stdout.WriteAsync(SarifWriter.Write(gate));
                    break;
                case "markdown":
                    await stdout.WriteAsync(MarkdownSummaryWriter.Write(gate));
                    break;
                default:
                    await WriteTextAsync(stdout, gate);
                    break;
            }

            return gate.Passed ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    /// <summary>Each image with its verdict and every check, then the findings that fail.</summary>
    internal static async Task WriteTextAsync(TextWriter output, GateResult gate)
    {
        foreach (var image in gate.BaseImages)
        {
            var facts = image.Assessment.Facts;
            var where = facts.Location is { } l ? $"{image.Dockerfile}:{l.Line}" : image.Dockerfile;
            var verdict = facts.IsScratch ? "scratch" : image.Assessment.Passed ? "PASS" : "FAIL";
            await output.WriteLineAsync($"{verdict}  {where}  {facts.Written}");
            if ((facts.WrittenDigest ?? facts.ResolvedDigest) is { } digest)
            {
                await output.WriteLineAsync($"      digest {digest}");
            }

            foreach (var check in image.Assessment.Checks)
            {
                var mark = check.Outcome switch
                {
                    CheckOutcome.Pass => "ok  ",
                    CheckOutcome.Fail => "FAIL",
                    _ => "??  ",
                };
                var name = RuleRegistry.FindById(check.RuleId)?.Name ?? string.Empty;
                await output.WriteLineAsync($"      {mark} {check.RuleId} {name}: {check.Message}");
                foreach (var warning in check.Warnings)
                {
                    await output.WriteLineAsync($"      note {check.RuleId} {name}: {warning}");
                }
            }
        }

        foreach (var finding in gate.Findings.Where(f => f.Source != FindingSource.BaseImage))
        {
            await output.WriteLineAsync($"{finding.Severity.ToString().ToLowerInvariant()} {finding.RuleId}: {finding.Message}");
        }

        var blocking = gate.Findings.Count(f => f.Blocking);
        await output.WriteLineAsync(gate.Passed
            ? $"pipelineguard: {gate.BaseImages.Count} base image(s) checked; all trusted."
            : $"pipelineguard: {blocking} blocking finding(s); the base images are not trusted.");
    }
}
