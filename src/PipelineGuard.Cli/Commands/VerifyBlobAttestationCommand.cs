using System.CommandLine;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard verify-blob-attestation FILE --key PUB --bundle B [--type T]</c>.</summary>
internal static class VerifyBlobAttestationCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The file the attestation must be about." };
        var key = new Option<string>("--key") { Description = "The public key (PEM).", Required = true };
        var bundle = new Option<string>("--bundle") { Description = "The attestation bundle.", Required = true };
        var type = new Option<string?>("--type") { Description = "The required predicate type (short name or URI)." };
        var command = new Command("verify-blob-attestation", "Verify an attestation bundle about a file.") { file, key, bundle, type };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await BlobSigning.VerifyAttestationAsync(new VerifyBlobAttestationOptions(parse.GetValue(file)!, parse.GetValue(key)!, parse.GetValue(bundle)!, parse.GetValue(type)), cancellationToken);
            if (!result.Status.IsValid)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard verify-blob-attestation: {parse.GetValue(file)}: invalid attestation ({result.Status.Failure}): {result.Status.Message}");
                return ExitCodes.Fail;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync($"Verified OK: {result.Status.Message}");
            return ExitCodes.Pass;
        });
        return command;
    }
}
