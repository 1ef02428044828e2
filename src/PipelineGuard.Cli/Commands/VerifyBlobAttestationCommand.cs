using System.CommandLine;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard verify-blob-attestation FILE (--key PUB | --certificate-identity[-regexp] I --certificate-oidc-issuer[-regexp] O) --bundle B [--type T]</c>.</summary>
internal static class VerifyBlobAttestationCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The file the attestation must be about." };
        var key = new Option<string?>("--key") { Description = "The public key (PEM), for a key-based signature." };
        var identity = new CertificateIdentityArguments();
        var bundle = new Option<string>("--bundle") { Description = "The attestation bundle.", Required = true };
        var type = new Option<string?>("--type") { Description = "The required predicate type (short name or URI)." };
        var command = new Command("verify-blob-attestation", "Verify an attestation bundle about a file.") { file, key, bundle, type };
        identity.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var certificate = identity.Read(parse);
            if (CertificateIdentityArguments.UsageError(parse.GetValue(key), certificate) is { } usage)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard verify-blob-attestation: {usage}");
                return ExitCodes.Usage;
            }

            var result = await BlobSigning.VerifyAttestationAsync(new VerifyBlobAttestationOptions(parse.GetValue(file)!, parse.GetValue(key), parse.GetValue(bundle)!, parse.GetValue(type), certificate), cancellationToken);
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
