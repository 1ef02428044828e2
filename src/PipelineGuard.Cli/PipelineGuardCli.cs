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

        configuration.EnableDefaultExceptionHandler = false;
        return await GuardAsync(() => parse.InvokeAsync(configuration, cancellationToken), args, error, cancellationToken);
    }

    /// <summary>
    /// The last resort, not the fix (readers turn bad input into errors themselves): anything that still escapes
    /// <paramref name="run"/> is one line on <paramref name="error"/> and exit 1 (fail closed); the stack trace only
    /// with <c>--verbose</c> among <paramref name="args"/>.
    /// </summary>
    internal static async Task<int> GuardAsync(Func<Task<int>> run, string[] args, TextWriter error, CancellationToken cancellationToken = default)
    {
        try
        {
            return await run();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("pipelineguard: cancelled.");
            return ExitCodes.Fail;
        }
        catch (Exception e)
        {
            var verbose = args.Contains("--verbose", StringComparer.Ordinal);
            await error.WriteLineAsync($"pipelineguard: internal error ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")}{(verbose ? string.Empty : " (--verbose shows where)")}");
            if (verbose)
            {
                await error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.Fail;
        }
    }

    /// <summary>The root command with every verb.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("PipelineGuard: a build-pipeline security gate (Dockerfile lint, SBOM, signing, base-image provenance).");
        foreach (var verb in Verbs())
        {
            StrictCommandLine.AddCosignFlags(verb);
            // --verbose on every verb shows the stack trace of an internal error (lint's own --verbose does that too).
            if (!verb.Options.Any(o => o.Name == "--verbose" || o.Aliases.Contains("--verbose")))
            {
                verb.Options.Add(new Option<bool>("--verbose") { Description = "Show the stack trace of an internal error." });
            }

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
        yield return Commands.ProvenanceCommand.Create();
        yield return Commands.VerifyBlobAttestationCommand.Create();
        yield return Commands.SignCommand.Create();
        yield return Commands.VerifyImageCommand.CreateVerify();
        yield return Commands.AttestCommand.Create();
        yield return Commands.VerifyImageCommand.CreateVerifyAttestation();
        yield return Commands.CheckBaseCommand.Create();
        yield return Commands.PinCommand.Create();
        yield return Commands.GateCommand.Create();
        yield return Commands.InitCommand.Create();
        yield return Commands.SecretsCommand.Create();
    }
}
