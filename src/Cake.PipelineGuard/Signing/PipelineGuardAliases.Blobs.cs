using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using PipelineGuard.Signing;

namespace Cake.PipelineGuard;

public static partial class PipelineGuardAliases
{
    /// <summary>
    /// Generates an ECDSA P-256 key pair in cosign's encrypted format: <c>PREFIX.key</c> and <c>PREFIX.pub</c>. The
    /// password comes from the settings, else <c>PIPELINEGUARD_PASSWORD</c> or <c>COSIGN_PASSWORD</c>.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="prefix">The path prefix of the two files.</param>
    /// <param name="settings">The password and whether to overwrite.</param>
    /// <returns>The files written.</returns>
    /// <example>
    /// <code>
    /// var keys = PipelineGuardGenerateKeyPair("./artifacts/release", new PipelineGuardGenerateKeyPairSettings().WithKeyPassword(password));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Signing")]
    public static PipelineGuardKeyPairResult PipelineGuardGenerateKeyPair(this ICakeContext context, FilePath prefix, PipelineGuardGenerateKeyPairSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(settings);
        var passwords = settings.KeyPassword is null ? new PasswordSource(context.Environment.GetEnvironmentVariable, prompt: null) : PasswordSource.Fixed(settings.KeyPassword);
        var fullPrefix = CakePaths.Full(context, prefix);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPrefix)!);
        var generated = KeyPairGenerator.GenerateAsync(new GenerateKeyPairOptions(fullPrefix, settings.Overwrite), passwords).GetAwaiter().GetResult();
        if (!generated.Succeeded)
        {
            return AliasOutcome.Complete(context, settings, "generate-key-pair", new PipelineGuardKeyPairResult(null, null, null, [generated.Error]));
        }

        var pair = generated.Value;
        AliasOutcome.Write(context, LogLevel.Information, $"pipelineguard generate-key-pair: private key {pair.PrivateKeyPath}, public key {pair.PublicKeyPath}");
        return new PipelineGuardKeyPairResult(new FilePath(pair.PrivateKeyPath), new FilePath(pair.PublicKeyPath), pair.KeyHint, []);
    }

    /// <summary>
    /// Signs a file (a package, an archive, an SBOM) with a private key, as cosign's <c>sign-blob</c> does, and writes a
    /// Sigstore bundle v0.3 beside it as <c>&lt;file&gt;.sigstore.json</c> unless told otherwise.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="file">The file to sign.</param>
    /// <param name="settings">The key, its password, and where to write the bundle.</param>
    /// <returns>The signature and the bundle written.</returns>
    /// <example>
    /// <code>
    /// foreach (var package in GetFiles("./artifacts/*.nupkg"))
    /// {
    ///     PipelineGuardSignBlob(package, new PipelineGuardSignBlobSettings().WithKey("./cosign.key"));
    /// }
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Signing")]
    public static PipelineGuardSignBlobResult PipelineGuardSignBlob(this ICakeContext context, FilePath file, PipelineGuardSignBlobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "sign-blob";
        var path = CakePaths.Full(context, file);
        var fileResult = new FilePath(path);
        if (settings.Key is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSignBlobResult(fileResult, null, null, ["no key: set Key (WithKey) to the private key file"]));
        }

        var (passwords, passwordError) = KeyPasswords.For(context, settings);
        if (passwords is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSignBlobResult(fileResult, null, null, [passwordError!]));
        }

        var bundle = settings.NoBundle ? null : CakePaths.FullOrNull(context, settings.Bundle) ?? path + ".sigstore.json";
        var options = new SignBlobOptions(path, CakePaths.Full(context, settings.Key), bundle, CakePaths.FullOrNull(context, settings.OutputSignature));
        var signed = BlobSigning.SignAsync(options, passwords).GetAwaiter().GetResult();
        if (!signed.Succeeded)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSignBlobResult(fileResult, null, null, [signed.Error]));
        }

        AliasOutcome.Write(context, LogLevel.Information, bundle is null ? $"pipelineguard sign-blob: signed {path}" : $"pipelineguard sign-blob: signed {path}; bundle {bundle}");
        return new PipelineGuardSignBlobResult(fileResult, signed.Value.SignatureBase64, bundle is null ? null : new FilePath(bundle), []);
    }

    /// <summary>
    /// Verifies a file's signature with a public key, as cosign's <c>verify-blob</c> does: against a Sigstore bundle
    /// (by default <c>&lt;file&gt;.sigstore.json</c>) or a base64 signature file. Fails unless the signature is valid.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="file">The signed file.</param>
    /// <param name="settings">The public key and the bundle or signature.</param>
    /// <returns>Whether it verified, and why not.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardVerifyBlob("./artifacts/App.1.0.0.nupkg", new PipelineGuardVerifyBlobSettings().WithKey("./cosign.pub"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Signing")]
    public static PipelineGuardVerifyResult PipelineGuardVerifyBlob(this ICakeContext context, FilePath file, PipelineGuardVerifyBlobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(settings);
        var path = CakePaths.Full(context, file);
        var certificate = settings.Keyless.ToOptions(context);
        if (global::PipelineGuard.Signing.Keyless.CertificateVerificationOptions.KeyOrIdentityError(settings.Key?.FullPath, certificate) is { } usage)
        {
            return AliasOutcome.Complete(context, settings, "verify-blob", new PipelineGuardVerifyResult(path, VerificationResult.Reject(VerificationFailure.InputUnavailable, KeylessUsage(usage))));
        }

        if (settings.Bundle is not null && settings.Signature is not null)
        {
            return AliasOutcome.Complete(context, settings, "verify-blob", new PipelineGuardVerifyResult(path, VerificationResult.Reject(VerificationFailure.InputUnavailable, "set Bundle or Signature, not both")));
        }

        var bundle = settings.Signature is null ? CakePaths.FullOrNull(context, settings.Bundle) ?? path + ".sigstore.json" : null;
        var options = new VerifyBlobOptions(path, CakePaths.FullOrNull(context, settings.Key), bundle, CakePaths.FullOrNull(context, settings.Signature), certificate);
        var verification = BlobSigning.VerifyAsync(options).GetAwaiter().GetResult();
        return Verified(context, settings, "verify-blob", new PipelineGuardVerifyResult(path, verification));
    }

    /// <summary>
    /// Attests a file, as cosign's <c>attest-blob</c> does: an in-toto Statement v1 about the file (name and sha256)
    /// with the given predicate, signed in DSSE inside a Sigstore bundle (by default <c>&lt;file&gt;.att.sigstore.json</c>).
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="file">The file the attestation is about.</param>
    /// <param name="settings">The predicate, its type, the key and the bundle.</param>
    /// <returns>The statement signed and the bundle written.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardAttestBlob("./artifacts/App.1.0.0.nupkg", new PipelineGuardAttestBlobSettings()
    ///     .WithPredicate("./artifacts/App.cdx.json", "cyclonedx")
    ///     .WithKey("./cosign.key"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Signing")]
    public static PipelineGuardAttestBlobResult PipelineGuardAttestBlob(this ICakeContext context, FilePath file, PipelineGuardAttestBlobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "attest-blob";
        var path = CakePaths.Full(context, file);
        var fileResult = new FilePath(path);
        if (settings.Key is null || settings.Predicate is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardAttestBlobResult(fileResult, null, null, [settings.Key is null ? "no key: set Key (WithKey) to the private key file" : "no predicate: set Predicate (WithPredicate) to a JSON file"]));
        }

        var (passwords, passwordError) = KeyPasswords.For(context, settings);
        if (passwords is null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardAttestBlobResult(fileResult, null, null, [passwordError!]));
        }

        var bundle = CakePaths.FullOrNull(context, settings.Bundle) ?? path + ".att.sigstore.json";
        var options = new AttestBlobOptions(path, CakePaths.Full(context, settings.Predicate), settings.Type, CakePaths.Full(context, settings.Key), bundle);
        var attested = BlobSigning.AttestAsync(options, passwords).GetAwaiter().GetResult();
        if (!attested.Succeeded)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardAttestBlobResult(fileResult, null, null, [attested.Error]));
        }

        AliasOutcome.Write(context, LogLevel.Information, $"pipelineguard attest-blob: attested {path} ({attested.Value.PredicateType}); bundle {bundle}");
        return new PipelineGuardAttestBlobResult(fileResult, attested.Value, new FilePath(bundle), []);
    }

    /// <summary>Verifies an attestation bundle about a file, as cosign's <c>verify-blob-attestation</c> does.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="file">The file the attestation must be about.</param>
    /// <param name="settings">The public key, the bundle and the required predicate type.</param>
    /// <returns>Whether it verified, with the statement.</returns>
    [CakeMethodAlias]
    [CakeAliasCategory("Signing")]
    public static PipelineGuardVerifyResult PipelineGuardVerifyBlobAttestation(this ICakeContext context, FilePath file, PipelineGuardVerifyBlobAttestationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(settings);
        var path = CakePaths.Full(context, file);
        var certificate = settings.Keyless.ToOptions(context);
        if (global::PipelineGuard.Signing.Keyless.CertificateVerificationOptions.KeyOrIdentityError(settings.Key?.FullPath, certificate) is { } usage)
        {
            return AliasOutcome.Complete(context, settings, "verify-blob-attestation", new PipelineGuardVerifyResult(path, VerificationResult.Reject(VerificationFailure.InputUnavailable, KeylessUsage(usage))));
        }

        var bundle = CakePaths.FullOrNull(context, settings.Bundle) ?? path + ".att.sigstore.json";
        var verified = BlobSigning.VerifyAttestationAsync(new VerifyBlobAttestationOptions(path, CakePaths.FullOrNull(context, settings.Key), bundle, settings.Type, certificate)).GetAwaiter().GetResult();
        return Verified(context, settings, "verify-blob-attestation", new PipelineGuardVerifyResult(path, verified.Status, verified.Statement));
    }

    /// <summary>Core's usage message in the alias's words: settings instead of command-line flags.</summary>
    private static string KeylessUsage(string usage) =>
        usage.Contains("not both", StringComparison.Ordinal)
            ? "set either a public key (WithKey) or a certificate identity (WithCertificateIdentity...), not both"
            : "no key and no identity: set a public key (WithKey), or a certificate identity and OIDC issuer (WithCertificateIdentity or WithCertificateIdentityRegExp)";

    private static PipelineGuardVerifyResult Verified(ICakeContext context, PipelineGuardSettings settings, string verb, PipelineGuardVerifyResult result)
    {
        if (result.IsValid)
        {
            AliasOutcome.Write(context, LogLevel.Information, $"pipelineguard {verb}: {result.Subject}: Verified OK");
        }

        return AliasOutcome.Complete(context, settings, verb, result);
    }
}
