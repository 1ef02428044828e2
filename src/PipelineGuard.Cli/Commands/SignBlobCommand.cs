using System.CommandLine;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard sign-blob FILE --key K [--bundle OUT] [--output-signature OUT]</c>.</summary>
internal static class SignBlobCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The file to sign." };
        var key = new Option<string>("--key") { Description = "The private key file (cosign format, PKCS#8 or EC PEM).", Required = true };
        var bundle = new Option<string?>("--bundle") { Description = "Write a Sigstore bundle v0.3 here (conventionally FILE.sigstore.json)." };
        var outputSignature = new Option<string?>("--output-signature") { Description = "Write the base64 signature here." };
        var command = new Command("sign-blob", "Sign a file with a key; prints the base64 signature as cosign does.") { file, key, bundle, outputSignature };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SignBlobOptions(parse.GetValue(file)!, parse.GetValue(key)!, parse.GetValue(bundle), parse.GetValue(outputSignature));
            var result = await BlobSigning.SignAsync(options, TerminalPassword.Source, cancellationToken);
            if (!result.Succeeded)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard sign-blob: {result.Error}");
                return ExitCodes.Fail;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(result.Value.SignatureBase64);
            if (result.Value.BundlePath is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"Wrote bundle to file {result.Value.BundlePath}");
            }

            return ExitCodes.Pass;
        });
        return command;
    }
}
