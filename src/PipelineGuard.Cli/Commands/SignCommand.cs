using System.CommandLine;
using PipelineGuard.Signing;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard sign IMAGE --key K [-a k=v] [--allow-http-registry]</c>.</summary>
internal static class SignCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "host[:port]/repo[:tag|@sha256:...] or oci:DIR[:TAG]." };
        var key = new Option<string>("--key") { Description = "The private key file.", Required = true };
        var annotations = ImageSigningOptions.Annotations();
        var allowHttp = ImageSigningOptions.AllowHttpRegistry();
        var command = new Command("sign", "Sign an image: a cosign simple-signing signature stored beside it (sha256-<hex>.sig).") { image, key, annotations, allowHttp };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var (map, bad) = ImageSigningOptions.ParseAnnotations(parse.GetValue(annotations));
            if (map is null)
            {
                await error.WriteLineAsync($"pipelineguard sign: annotation '{bad}' is not k=v");
                return ExitCodes.Usage;
            }

            var options = new SignImageOptions(parse.GetValue(image)!, parse.GetValue(key)!)
            {
                Annotations = map,
                Registry = ImageSigningOptions.Registry(parse.GetValue(allowHttp)),
            };
            var result = await ImageSigner.SignAsync(options, TerminalPassword.Source, cancellationToken);
            if (!result.Succeeded)
            {
                await error.WriteLineAsync($"pipelineguard sign: {result.Error}");
                return ExitCodes.Fail;
            }

            await error.WriteLineAsync(result.Value.AlreadyPresent
                ? $"{options.Image} ({result.Value.ImageDigest}) already carries this signature; nothing pushed"
                : $"Pushing signature for {result.Value.ImageDigest} to {result.Value.Tag}");
            return ExitCodes.Pass;
        });
        return command;
    }
}
