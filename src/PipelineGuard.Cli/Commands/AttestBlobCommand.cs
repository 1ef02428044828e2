using System.CommandLine;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard attest-blob FILE --predicate P --type T --key K --bundle OUT</c>.</summary>
internal static class AttestBlobCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The file the attestation is about." };
        var predicate = new Option<string>("--predicate") { Description = "The predicate JSON file, or an in-toto Statement about FILE (as 'pipelineguard provenance' writes).", Required = true };
        var type = new Option<string?>("--type") { Description = "slsaprovenance1, slsaprovenance, cyclonedx, spdxjson, spdx, link, vuln, openvex, custom, or a predicate type URI (default: the statement's type, else custom)." };
        var key = new Option<string>("--key") { Description = "The private key file.", Required = true };
        var bundle = new Option<string>("--bundle") { Description = "Write the Sigstore bundle here.", Required = true };
        var command = new Command("attest-blob", "Attest a file: an in-toto Statement v1 signed in DSSE inside a Sigstore bundle.") { file, predicate, type, key, bundle };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new AttestBlobOptions(parse.GetValue(file)!, parse.GetValue(predicate)!, parse.GetValue(type), parse.GetValue(key)!, parse.GetValue(bundle)!);
            var result = await BlobSigning.AttestAsync(options, TerminalPassword.Source, cancellationToken);
            if (!result.Succeeded)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard attest-blob: {result.Error}");
                return ExitCodes.Fail;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync($"Wrote attestation bundle ({result.Value.PredicateType}) to {options.BundlePath}");
            return ExitCodes.Pass;
        });
        return command;
    }
}
