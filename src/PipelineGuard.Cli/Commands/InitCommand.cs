using System.CommandLine;
using PipelineGuard.Gate;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard init [PATH] [--force]</c>: writes a starting <c>pipelineguard.yaml</c> from the Dockerfiles' bases.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "The folder (default: the current folder).", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Replace an existing pipelineguard.yaml." };
        var command = new Command("init", "Write a starting pipelineguard.yaml for a folder: each FROM base gets the trust its publisher documents (Notation for mcr.microsoft.com/dotnet, keyless for Chainguard and distroless, the folder's public keys otherwise).")
        {
            path, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var result = await PolicyInitJob.RunAsync(new PolicyInitOptions { Folder = parse.GetValue(path)!, Force = parse.GetValue(force) }, cancellationToken);
            if (result.PolicyFile is null)
            {
                foreach (var problem in result.Errors)
                {
                    await stderr.WriteLineAsync($"pipelineguard init: {problem}");
                }

                return ExitCodes.Usage;
            }

            await stdout.WriteLineAsync($"pipelineguard init: wrote {Path.GetRelativePath(Environment.CurrentDirectory, result.PolicyFile)}");
            foreach (var choice in result.Choices)
            {
                await stdout.WriteLineAsync($"  {choice.Image}: {choice.Trust}{(choice.Supplied ? string.Empty : " - TODO in the policy: name what signs it")}");
            }

            if (result.Choices.Count == 0)
            {
                await stdout.WriteLineAsync("  no FROM image found: the policy has no base-image rules yet");
            }

            return ExitCodes.Pass;
        });
        return command;
    }
}
