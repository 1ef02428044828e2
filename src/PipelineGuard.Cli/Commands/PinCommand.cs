using System.CommandLine;
using PipelineGuard.Gate;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard pin DOCKERFILE [--write|--check]</c>: resolve FROM tags to digests and rewrite only the image text.</summary>
internal static class PinCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("DOCKERFILE") { Description = "The Dockerfile to pin." };
        var write = new Option<bool>("--write", "-w") { Description = "Rewrite the Dockerfile in place (only the image text changes)." };
        var check = new Option<bool>("--check") { Description = "Fail (exit 1) when any FROM image is not pinned by digest; nothing is resolved or written." };
        var arguments = new PolicyArguments();
        var command = new Command("pin", "Resolve FROM image tags to digests: FROM image:tag becomes FROM image:tag@sha256:..., every other byte kept.")
        {
            file, write, check, arguments.Policy, arguments.AllowHttpRegistry,
        };
        var notation = new NotationArguments();
        notation.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (parse.GetValue(write) && parse.GetValue(check))
            {
                await stderr.WriteLineAsync("pipelineguard: --write and --check exclude each other.");
                return ExitCodes.Usage;
            }

            var path = parse.GetValue(file)!;
            var (policy, error) = arguments.Build(parse, warnings: stderr);
            if (policy is null)
            {
                await stderr.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            // With a Notation trust policy, pin verifies before it pins: a digest without a signature the policy accepts is not written.
            var (requirement, notationError) = notation.Read(parse, keysGiven: false);
            if (notationError is not null)
            {
                await stderr.WriteLineAsync("pipelineguard: " + notationError);
                return ExitCodes.Usage;
            }

            Signing.Notation.NotationTrust? trust = null;
            if (requirement is not null)
            {
                if (parse.GetValue(check))
                {
                    await stderr.WriteLineAsync("pipelineguard: --check resolves nothing, so it verifies nothing: leave out the trust policy, or use check-base.");
                    return ExitCodes.Usage;
                }

                (trust, var loadError) = NotationArguments.Load(requirement);
                if (trust is null)
                {
                    await stderr.WriteLineAsync(loadError);
                    return ExitCodes.Usage;
                }
            }

            var mode = parse.GetValue(check) ? PinMode.Check : parse.GetValue(write) ? PinMode.Write : PinMode.Resolve;
            var job = await PinJob.RunAsync(new PinJobOptions { Dockerfile = path, Mode = mode, Policy = policy, Evidence = arguments.Evidence(parse), VerifyWith = trust }, cancellationToken);
            if (job.Pin is not { } result)
            {
                await stderr.WriteLineAsync($"pipelineguard: {job.ReadError}");
                return ExitCodes.Usage;
            }

            if (result.Error is not null)
            {
                await stderr.WriteLineAsync($"pipelineguard: {result.Error}");
                return ExitCodes.Fail;
            }

            foreach (var change in result.Changes)
            {
                if (parse.GetValue(check))
                {
                    await stdout.WriteLineAsync($"{path}:{change.Line}: {change.Before} is not pinned by digest{(change.Error is null ? string.Empty : $" ({change.Error})")}");
                }
                else if (change.After is not null)
                {
                    await stdout.WriteLineAsync($"{path}:{change.Line}: {change.Before} -> {change.After}");
                }
                else
                {
                    await stderr.WriteLineAsync($"{path}:{change.Line}: cannot pin {change.Before}: {change.Error}");
                }
            }

            if (parse.GetValue(check))
            {
                await stdout.WriteLineAsync(result.AllPinned ? $"{path}: every base image is pinned." : $"{path}: run 'pipelineguard pin --write {path}' to pin.");
                return result.AllPinned ? ExitCodes.Pass : ExitCodes.Fail;
            }

            if (job.Written)
            {
                await stdout.WriteLineAsync($"{path}: pinned {result.Changes.Count(c => c.After is not null)} image(s).");
            }
            else if (result.AllPinned)
            {
                await stdout.WriteLineAsync($"{path}: every base image is pinned already.");
            }

            return result.Resolved ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }
}
