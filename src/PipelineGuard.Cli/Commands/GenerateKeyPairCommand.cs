using System.CommandLine;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard generate-key-pair [--output-key-prefix P]</c>: an ECDSA P-256 pair in cosign's format.</summary>
internal static class GenerateKeyPairCommand
{
    public static Command Create()
    {
        var prefix = new Option<string>("--output-key-prefix") { Description = "Write PREFIX.key and PREFIX.pub.", DefaultValueFactory = _ => "cosign" };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files." };
        var command = new Command("generate-key-pair", "Generate an ECDSA P-256 key pair (cosign's encrypted key format). The password comes from PIPELINEGUARD_PASSWORD, COSIGN_PASSWORD or a prompt.") { prefix, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await KeyPairGenerator.GenerateAsync(new GenerateKeyPairOptions(parse.GetValue(prefix)!, parse.GetValue(force)), TerminalPassword.Source, cancellationToken);
            if (!result.Succeeded)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard generate-key-pair: {result.Error}");
                return ExitCodes.Fail;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync($"Private key written to {result.Value.PrivateKeyPath}");
            await parse.InvocationConfiguration.Error.WriteLineAsync($"Public key written to {result.Value.PublicKeyPath}");
            return ExitCodes.Pass;
        });
        return command;
    }
}
