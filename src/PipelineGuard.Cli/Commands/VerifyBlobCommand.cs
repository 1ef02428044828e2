using System.CommandLine;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard verify-blob FILE --key PUB (--bundle B | --signature S)</c>: exit 0 only if valid.</summary>
internal static class VerifyBlobCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The signed file." };
        var key = new Option<string>("--key") { Description = "The public key (PEM).", Required = true };
        var bundle = new Option<string?>("--bundle") { Description = "A Sigstore bundle." };
        var signature = new Option<string?>("--signature") { Description = "A file holding the base64 signature." };
        var command = new Command("verify-blob", "Verify a file's signature with a public key.") { file, key, bundle, signature };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if ((parse.GetValue(bundle) is null) == (parse.GetValue(signature) is null))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("pipelineguard verify-blob: give exactly one of --bundle and --signature");
                return ExitCodes.Usage;
            }

            var result = await BlobSigning.VerifyAsync(new VerifyBlobOptions(parse.GetValue(file)!, parse.GetValue(key)!, parse.GetValue(bundle), parse.GetValue(signature)), cancellationToken);
            if (!result.IsValid)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard verify-blob: {parse.GetValue(file)}: invalid signature ({result.Failure}): {result.Message}");
                return ExitCodes.Fail;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync("Verified OK");
            return ExitCodes.Pass;
        });
        return command;
    }
}
