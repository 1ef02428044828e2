using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using PipelineGuard.Signing;
using PipelineGuard.Signing.Notation;

namespace PipelineGuard.Cli.Commands;

/// <summary>
/// <c>pipelineguard verify IMAGE... (--key PUB | --certificate-identity[-regexp] I --certificate-oidc-issuer[-regexp] O) [-a k=v] [--output json]</c>,
/// <c>pipelineguard verify IMAGE... --trust-policy FILE --trust-store DIR | --trust-policy-preset NAME</c> (Notary Project
/// signatures) and <c>pipelineguard verify-attestation IMAGE... (--key PUB | identity) --type T</c>: exit 0 only when every
/// image has a valid one.
/// </summary>
internal static class VerifyImageCommand
{
    public static Command CreateVerify() => Create("verify", "Verify image signatures with a public key, keyless with a certificate identity, or Notary Project signatures with a Notation trust policy; prints what verified.", attestations: false);

    public static Command CreateVerifyAttestation() => Create("verify-attestation", "Verify image attestations with a public key, or keyless with a certificate identity; prints the verified statements.", attestations: true);

    private static Command Create(string name, string description, bool attestations)
    {
        var images = new Argument<string[]>("IMAGE") { Description = "One or more images (host[:port]/repo[:tag|@digest] or oci:DIR[:TAG]).", Arity = ArgumentArity.OneOrMore };
        var keys = new Option<string[]>("--key") { Description = "A public key (repeatable; a signature by any of them counts), for key-based signatures." };
        var identity = new CertificateIdentityArguments();
        var notation = new NotationArguments();
        var annotations = ImageSigningOptions.Annotations();
        var type = new Option<string?>("--type") { Description = "The predicate type the attestation must have (short name or URI)." };
        var output = new Option<string>("--output", "-o") { Description = "json (default) or text.", DefaultValueFactory = _ => "json" };
        var concurrency = new Option<int>("--max-workers") { Description = "How many images are verified at once.", DefaultValueFactory = _ => 8 };
        var allowHttp = ImageSigningOptions.AllowHttpRegistry();
        var command = new Command(name, description) { images, keys, output, concurrency, allowHttp };
        command.Options.Add(attestations ? type : annotations);
        identity.AddTo(command);
        if (!attestations)
        {
            notation.AddTo(command);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            var (map, bad) = ImageSigningOptions.ParseAnnotations(attestations ? [] : parse.GetValue(annotations));
            if (map is null)
            {
                await error.WriteLineAsync($"pipelineguard {name}: annotation '{bad}' is not k=v");
                return ExitCodes.Usage;
            }

            var format = parse.GetValue(output);
            if (format is not ("json" or "text"))
            {
                await error.WriteLineAsync($"pipelineguard {name}: --output must be json or text, not '{format}'");
                return ExitCodes.Usage;
            }

            var keyPaths = parse.GetValue(keys) ?? [];
            var certificate = identity.Read(parse);
            if (!attestations && notation.Given(parse))
            {
                if (certificate.HasIdentity)
                {
                    await error.WriteLineAsync($"pipelineguard {name}: a certificate identity (keyless) and a Notation trust policy exclude each other: verify with one of them.");
                    return ExitCodes.Usage;
                }

                if (map.Count > 0)
                {
                    await error.WriteLineAsync($"pipelineguard {name}: -a annotations belong to cosign signatures; a Notary Project signature is verified with its trust policy alone.");
                    return ExitCodes.Usage;
                }

                return await VerifyNotationAsync(parse, name, notation, keyPaths.Length > 0, parse.GetValue(images)!, format, ImageSigningOptions.Registry(parse.GetValue(allowHttp)), cancellationToken);
            }

            if (!attestations && keyPaths.Length == 0 && !certificate.HasIdentity)
            {
                await error.WriteLineAsync($"pipelineguard {name}: give --key PUB, or a Notation trust policy (--trust-policy FILE --trust-store DIR, or --trust-policy-preset NAME), or --certificate-identity[-regexp] with --certificate-oidc-issuer[-regexp] (keyless).");
                return ExitCodes.Usage;
            }

            if (CertificateIdentityArguments.UsageError(keyPaths.Length > 0 ? keyPaths[0] : null, certificate) is { } usage)
            {
                await error.WriteLineAsync($"pipelineguard {name}: {usage}");
                return ExitCodes.Usage;
            }

            var options = new VerifyImageOptions(parse.GetValue(images)!, keyPaths)
            {
                Certificate = certificate,
                Annotations = map,
                PredicateType = attestations ? parse.GetValue(type) : null,
                MaxConcurrency = parse.GetValue(concurrency),
                Registry = ImageSigningOptions.Registry(parse.GetValue(allowHttp)),
            };
            var result = attestations
                ? await ImageVerifier.VerifyAttestationsAsync(options, cancellationToken)
                : await ImageVerifier.VerifySignaturesAsync(options, cancellationToken);
            if (!result.Succeeded)
            {
                await error.WriteLineAsync($"pipelineguard {name}: {result.Error}");
                return ExitCodes.Fail;
            }

            foreach (var image in result.Value.Images)
            {
                if (!image.Status.IsValid)
                {
                    await error.WriteLineAsync($"pipelineguard {name}: {image.Status.Message}");
                    continue;
                }

                await error.WriteLineAsync($"Verification for {image.Image} ({image.Digest}) --");
                var signedBy = keyPaths.Length > 0 ? "the given key" : "a certificate of the trusted root for the required identity";
                await error.WriteLineAsync(attestations
                    ? $"  - the attestation was signed by {signedBy}, its subject is this digest" + (options.PredicateType is null ? string.Empty : $" and its type is {options.PredicateType}")
                    : $"  - the signature was verified against {signedBy} and its payload names this digest" + (map.Count == 0 ? string.Empty : ", with the required annotations"));
                foreach (var signer in image.Signers)
                {
                    await error.WriteLineAsync($"  - {signer.Describe()}");
                }

                if (format == "json")
                {
                    await stdout.WriteLineAsync(new JsonArray(image.VerifiedPayloads.Select(p => p.DeepClone()).ToArray()).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                }
                else
                {
                    await stdout.WriteLineAsync($"{image.Image}: {image.Status.Message}");
                    foreach (var signer in image.Signers)
                    {
                        await stdout.WriteLineAsync($"{image.Image}: {signer.Describe()}");
                    }
                }
            }

            return result.Value.AllValid ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    /// <summary><c>verify</c> with a Notation trust policy: usage and trust-policy errors exit 2; json prints what verified for each image.</summary>
    private static async Task<int> VerifyNotationAsync(ParseResult parse, string name, NotationArguments notation, bool keysGiven, string[] images, string format, Oci.RegistryClientOptions registry, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var stdout = parse.InvocationConfiguration.Output;
        var (requirement, usage) = notation.Read(parse, keysGiven);
        if (requirement is null)
        {
            await error.WriteLineAsync($"pipelineguard {name}: {usage ?? "give --key PUB, or a Notation trust policy (--trust-policy FILE --trust-store DIR, or --trust-policy-preset NAME)."}");
            return ExitCodes.Usage;
        }

        var (trust, loadError) = NotationArguments.Load(requirement);
        if (trust is null)
        {
            await error.WriteLineAsync(loadError);
            return ExitCodes.Usage;
        }

        var results = await NotationImageJob.VerifyAsync(new VerifyNotationImageOptions(images, trust) { Registry = registry }, cancellationToken);
        foreach (var image in results)
        {
            if (!image.IsValid)
            {
                await error.WriteLineAsync($"pipelineguard {name}: {image.Message}");
                continue;
            }

            var evidence = image.Result!.Evidence!;
            await error.WriteLineAsync($"Verification for {image.Image} ({image.Digest}, the {evidence.DigestKind} the reference resolves to) --");
            await error.WriteLineAsync(evidence.Skipped
                ? $"  - WARNING: trust policy statement '{evidence.Statement}' has level skip: no signature was verified"
                : $"  - a Notary Project {evidence.EnvelopeType} signature by '{evidence.Subject}' verified with trust policy {evidence.TrustPolicy}, statement '{evidence.Statement}', level {evidence.Level}");
            foreach (var warning in evidence.Warnings)
            {
                await error.WriteLineAsync($"  - WARNING (logged by level {evidence.Level}, not enforced): {warning}");
            }

            if (format == "json")
            {
                await stdout.WriteLineAsync(NotationJson(image, evidence).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            else
            {
                await stdout.WriteLineAsync(image.Message);
            }
        }

        return results.Count > 0 && results.All(r => r.IsValid) ? ExitCodes.Pass : ExitCodes.Fail;
    }

    /// <summary>The verified subject, chain, timestamp, level and envelope type of one image, as <c>-o json</c> prints them.</summary>
    internal static JsonObject NotationJson(NotationImageVerification image, NotationSignerEvidence evidence) => new()
    {
        ["image"] = image.Image,
        ["digest"] = image.Digest,
        ["digestKind"] = evidence.DigestKind,
        ["trustPolicy"] = evidence.TrustPolicy,
        ["statement"] = evidence.Statement,
        ["level"] = evidence.Level,
        ["skipped"] = evidence.Skipped,
        ["envelopeType"] = evidence.EnvelopeType,
        ["subject"] = evidence.Subject,
        ["chain"] = new JsonArray(evidence.Chain.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
        ["timestamp"] = evidence.Timestamp,
        ["warnings"] = new JsonArray(evidence.Warnings.Select(w => (JsonNode)JsonValue.Create(w)).ToArray()),
    };
}
