using System.CommandLine;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard attest IMAGE --predicate P --type T --key K</c>.</summary>
internal static class AttestCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "host[:port]/repo[:tag|@sha256:...] or oci:DIR[:TAG]." };
        var predicate = new Option<string>("--predicate") { Description = "The predicate JSON file.", Required = true };
        var type = new Option<string>("--type") { Description = "slsaprovenance1, slsaprovenance, cyclonedx, spdxjson, spdx, link, vuln, openvex, custom, or a URI.", DefaultValueFactory = _ => "custom" };
        var key = new Option<string>("--key") { Description = "The private key file.", Required = true };
        var allowHttp = ImageSigningOptions.AllowHttpRegistry();
        var command = new Command("attest", "Attest an image: an in-toto statement in DSSE stored beside it (sha256-<hex>.att).") { image, predicate, type, key, allowHttp };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new AttestImageOptions(parse.GetValue(image)!, parse.GetValue(key)!, parse.GetValue(predicate)!, parse.GetValue(type)!)
            {
                Registry = ImageSigningOptions.Registry(parse.GetValue(allowHttp)),
            };
            var result = await ImageSigner.AttestAsync(options, TerminalPassword.Source, cancellationToken);
            if (!result.Succeeded)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"pipelineguard attest: {result.Error}");
                return ExitCodes.Fail;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync(result.Value.AlreadyPresent
                ? $"{options.Image} ({result.Value.ImageDigest}) already carries this attestation; nothing pushed"
                : $"Pushing attestation for {result.Value.ImageDigest} to {result.Value.Tag}");
            return ExitCodes.Pass;
        });
        return command;
    }
}
