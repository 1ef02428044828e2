using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using PipelineGuard.Oci;
using PipelineGuard.Signing;

namespace Cake.PipelineGuard;

public static partial class PipelineGuardAliases
{
    /// <summary>
    /// Signs an image as cosign's <c>sign</c> does: a simple-signing payload naming the image's digest, stored beside it
    /// in the registry (or OCI layout) as <c>sha256-&lt;hex&gt;.sig</c>.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="image"><c>host[:port]/repo[:tag|@sha256:...]</c> or <c>oci:DIR[:TAG]</c>.</param>
    /// <param name="settings">The key, its password, annotations and registry access.</param>
    /// <returns>The digest signed and the signature tag.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardSignImage("registry.example.com/app:1.0.0", new PipelineGuardSignImageSettings()
    ///     .WithKey("./cosign.key")
    ///     .WithAnnotation("git-sha", gitSha));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Images")]
    public static PipelineGuardImageSignResult PipelineGuardSignImage(this ICakeContext context, string image, PipelineGuardSignImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "sign";
        if (settings.Key is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardImageSignResult(image, null, ["no key: set Key (WithKey) to the private key file"]));
        }

        var (passwords, passwordError) = KeyPasswords.For(context, settings);
        if (passwords is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardImageSignResult(image, null, [passwordError!]));
        }

        var options = new SignImageOptions(LocalImage(context, image), CakePaths.Full(context, settings.Key))
        {
            Annotations = new Dictionary<string, string>(settings.Annotations, StringComparer.Ordinal),
            Registry = settings.ToRegistryOptions(),
        };
        var signed = ImageSigner.SignAsync(options, passwords).GetAwaiter().GetResult();
        if (!signed.Succeeded)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardImageSignResult(image, null, [signed.Error]));
        }

        var value = signed.Value;
        AliasOutcome.Write(context, LogLevel.Information, value.AlreadyPresent
            ? $"pipelineguard sign: {image} ({value.ImageDigest}) already carries this signature"
            : $"pipelineguard sign: signed {image} ({value.ImageDigest}); signature {value.Tag}");
        return new PipelineGuardImageSignResult(image, value, []);
    }

    /// <summary>
    /// Attests an image as cosign's <c>attest</c> does: an in-toto statement about the image's digest, signed in DSSE and
    /// stored beside it as <c>sha256-&lt;hex&gt;.att</c>.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="image"><c>host[:port]/repo[:tag|@sha256:...]</c> or <c>oci:DIR[:TAG]</c>.</param>
    /// <param name="settings">The predicate, its type, the key and registry access.</param>
    /// <returns>The digest attested and the attestation tag.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardAttestImage("registry.example.com/app:1.0.0", new PipelineGuardAttestImageSettings()
    ///     .WithPredicate("./artifacts/provenance.json", "slsaprovenance1")
    ///     .WithKey("./cosign.key"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Images")]
    public static PipelineGuardImageSignResult PipelineGuardAttestImage(this ICakeContext context, string image, PipelineGuardAttestImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "attest";
        if (settings.Key is null || settings.Predicate is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardImageSignResult(image, null, [settings.Key is null ? "no key: set Key (WithKey) to the private key file" : "no predicate: set Predicate (WithPredicate) to a JSON file"]));
        }

        var (passwords, passwordError) = KeyPasswords.For(context, settings);
        if (passwords is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardImageSignResult(image, null, [passwordError!]));
        }

        var options = new AttestImageOptions(LocalImage(context, image), CakePaths.Full(context, settings.Key), CakePaths.Full(context, settings.Predicate), settings.Type)
        {
            Registry = settings.ToRegistryOptions(),
        };
        var attested = ImageSigner.AttestAsync(options, passwords).GetAwaiter().GetResult();
        if (!attested.Succeeded)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardImageSignResult(image, null, [attested.Error]));
        }

        var value = attested.Value;
        AliasOutcome.Write(context, LogLevel.Information, value.AlreadyPresent
            ? $"pipelineguard attest: {image} ({value.ImageDigest}) already carries this attestation"
            : $"pipelineguard attest: attested {image} ({value.ImageDigest}); attestation {value.Tag}");
        return new PipelineGuardImageSignResult(image, value, []);
    }

    /// <summary>Verifies an image's signatures, as cosign's <c>verify</c> does; fails unless a valid signature by one of the keys names its digest.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="image"><c>host[:port]/repo[:tag|@sha256:...]</c> or <c>oci:DIR[:TAG]</c>.</param>
    /// <param name="settings">The public keys, required annotations and registry access.</param>
    /// <returns>The outcome with the verified payloads.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardVerifyImage("registry.example.com/app:1.0.0", new PipelineGuardVerifyImageSettings().WithKey("./cosign.pub"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Images")]
    public static PipelineGuardImageVerifyResult PipelineGuardVerifyImage(this ICakeContext context, string image, PipelineGuardVerifyImageSettings settings) =>
        PipelineGuardVerifyImage(context, [image], settings);

    /// <summary>Verifies the signatures of several images at once; fails unless every image has a valid signature.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="images">The images.</param>
    /// <param name="settings">The public keys, required annotations and registry access.</param>
    /// <returns>The outcome per image.</returns>
    [CakeMethodAlias]
    [CakeAliasCategory("Images")]
    public static PipelineGuardImageVerifyResult PipelineGuardVerifyImage(this ICakeContext context, IEnumerable<string> images, PipelineGuardVerifyImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(settings);
        var options = new VerifyImageOptions(images.Select(i => LocalImage(context, i)).ToList(), settings.Keys.Select(k => CakePaths.Full(context, k)).ToList())
        {
            Annotations = new Dictionary<string, string>(settings.Annotations, StringComparer.Ordinal),
            MaxConcurrency = settings.MaxConcurrency,
            Registry = settings.ToRegistryOptions(),
            Certificate = settings.Keyless.ToOptions(context),
        };
        return ImagesVerified(context, settings, "verify", options, attestations: false);
    }

    /// <summary>Verifies an image's attestations, as cosign's <c>verify-attestation</c> does; fails unless one by the keys, of the type asked for, names its digest.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="image"><c>host[:port]/repo[:tag|@sha256:...]</c> or <c>oci:DIR[:TAG]</c>.</param>
    /// <param name="settings">The public keys, the predicate type and registry access.</param>
    /// <returns>The outcome with the verified statements.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardVerifyAttestation("registry.example.com/app:1.0.0", new PipelineGuardVerifyAttestationSettings()
    ///     .WithKey("./cosign.pub")
    ///     .WithType("slsaprovenance1"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Images")]
    public static PipelineGuardImageVerifyResult PipelineGuardVerifyAttestation(this ICakeContext context, string image, PipelineGuardVerifyAttestationSettings settings) =>
        PipelineGuardVerifyAttestation(context, [image], settings);

    /// <summary>Verifies the attestations of several images at once.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="images">The images.</param>
    /// <param name="settings">The public keys, the predicate type and registry access.</param>
    /// <returns>The outcome per image.</returns>
    [CakeMethodAlias]
    [CakeAliasCategory("Images")]
    public static PipelineGuardImageVerifyResult PipelineGuardVerifyAttestation(this ICakeContext context, IEnumerable<string> images, PipelineGuardVerifyAttestationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(settings);
        var options = new VerifyImageOptions(images.Select(i => LocalImage(context, i)).ToList(), settings.Keys.Select(k => CakePaths.Full(context, k)).ToList())
        {
            PredicateType = settings.Type,
            MaxConcurrency = settings.MaxConcurrency,
            Registry = settings.ToRegistryOptions(),
            Certificate = settings.Keyless.ToOptions(context),
        };
        return ImagesVerified(context, settings, "verify-attestation", options, attestations: true);
    }

    private static PipelineGuardImageVerifyResult ImagesVerified(ICakeContext context, PipelineGuardSettings settings, string verb, VerifyImageOptions options, bool attestations)
    {
        if (global::PipelineGuard.Signing.Keyless.CertificateVerificationOptions.KeyOrIdentityError(options.KeyPaths.Count > 0 ? options.KeyPaths[0] : null, options.Certificate) is { } usage)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardImageVerifyResult([], [KeylessUsage(usage)]));
        }

        var verified = (attestations ? ImageVerifier.VerifyAttestationsAsync(options) : ImageVerifier.VerifySignaturesAsync(options)).GetAwaiter().GetResult();
        if (!verified.Succeeded)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardImageVerifyResult([], [verified.Error]));
        }

        var errors = new List<string>();
        foreach (var image in verified.Value.Images)
        {
            if (image.Status.IsValid)
            {
                AliasOutcome.Write(context, LogLevel.Information, $"pipelineguard {verb}: {image.Image} ({image.Digest}): Verified OK ({image.VerifiedPayloads.Count} valid)");
            }
            else
            {
                errors.Add($"{image.Image}: invalid ({image.Status.Failure}): {image.Status.Message}");
            }
        }

        return AliasOutcome.Complete(context, settings, verb, new PipelineGuardImageVerifyResult(verified.Value.Images, errors));
    }

    // A layout or archive path (oci:DIR[:TAG], docker-archive:FILE) is relative to the script's working directory, like every other path.
    private static string LocalImage(ICakeContext context, string image) =>
        ImageLocation.ResolveLocalPath(image, path => CakePaths.Full(context, new Cake.Core.IO.DirectoryPath(path)));
}
