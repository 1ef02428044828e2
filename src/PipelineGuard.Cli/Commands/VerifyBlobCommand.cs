using System.CommandLine;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard verify-blob FILE (--key PUB | --certificate-identity[-regexp] I --certificate-oidc-issuer[-regexp] O) (--bundle B | --signature S)</c>: exit 0 only if valid.</summary>
internal static class VerifyBlobCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The signed file." };
        var key = new Option<string?>("--key") { Description = "The public key (PEM), for a key-based signature." };
        var identity = new CertificateIdentityArguments();
        var bundle = new Option<string?>("--bundle") { Description = "A Sigstore bundle." };
        var signature = new Option<string?>("--signature") { Description = "A file holding the base64 signature." };
        var command = new Command("verify-blob", "Verify a file's signature: with a public key, or keyless with a certificate identity.") { file, key, bundle, signature };
        identity.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if ((parse.GetValue(bundle) is null) == (parse.GetValue(signature) is null))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("pipelineguard verify-blob: give exactly one of --bundle and --signature");
                return ExitCodes.Usage;
            }

            var certificate = identity.Read(parse);
            if (CertificateIdentityArguments.UsageError(parse.GetValue(key), certificate) is { } usage)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard verify-blob: {usage}");
                return ExitCodes.Usage;
            }

            var result = await BlobSigning.VerifyAsync(new VerifyBlobOptions(parse.GetValue(file)!, parse.GetValue(key), parse.GetValue(bundle), parse.GetValue(signature), certificate), cancellationToken);
            if (!result.IsValid)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard verify-blob: {parse.GetValue(file)}: invalid signature ({result.Failure}): {result.Message}");
                return ExitCodes.Fail;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync(parse.GetValue(key) is null ? $"Verified OK: {result.Message}" : "Verified OK");
            return ExitCodes.Pass;
        });
        return command;
    }
}
