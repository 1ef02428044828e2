using System.CommandLine;

namespace PipelineGuard.Cli;

/// <summary>Builds the <c>pipelineguard</c> command tree and runs it; the entry point for the tool and for in-process tests.</summary>
public static class PipelineGuardCli
{
    /// <summary>Parses <paramref name="args"/>, runs the verb and returns its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand();
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        if (parse.Action is not System.CommandLine.Help.HelpAction)
        {
            var problems = parse.Errors.Select(e => e.Message).Concat(StrictCommandLine.Problems(parse)).ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync($"pipelineguard: {problem}");
                }

                await error.WriteLineAsync(StrictCommandLine.Usage(parse));
                await error.WriteLineAsync($"Run '{StrictCommandLine.CommandPath(parse)} --help' for the options.");
                return ExitCodes.Usage;
            }
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>The root command with every verb.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("PipelineGuard: a build-pipeline security gate (Dockerfile lint, SBOM, signing, base-image provenance).");
        foreach (var verb in Verbs())
        {
            StrictCommandLine.AddCosignFlags(verb);
            root.Subcommands.Add(verb);
        }

        return root;
    }

    private static IEnumerable<Command> Verbs()
    {
        yield return Commands.VersionCommand.Create();
        yield return Commands.LintCommand.Create();
        yield return Commands.SbomCommand.Create();
        yield return Commands.GenerateKeyPairCommand.Create();
        yield return Commands.SignBlobCommand.Create();
        yield return Commands.VerifyBlobCommand.Create();
        yield return Commands.AttestBlobCommand.Create();
        yield return Commands.VerifyBlobAttestationCommand.Create();
        yield return Commands.SignCommand.Create();
        yield return Commands.VerifyImageCommand.CreateVerify();
        yield return Commands.AttestCommand.Create();
        yield return Commands.VerifyImageCommand.CreateVerifyAttestation();
        yield return Commands.CheckBaseCommand.Create();
        yield return Commands.PinCommand.Create();
        yield return Commands.GateCommand.Create();
    }
}
