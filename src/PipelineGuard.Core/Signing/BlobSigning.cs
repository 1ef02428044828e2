using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PipelineGuard.Signing.Keyless;

namespace PipelineGuard.Signing;

/// <summary>What <c>sign-blob</c> asks for.</summary>
/// <param name="FilePath">The artifact.</param>
/// <param name="KeyPath">The private key file.</param>
/// <param name="BundlePath">Where to write a Sigstore bundle v0.3, or null.</param>
/// <param name="OutputSignaturePath">Where to write the base64 signature, or null.</param>
public sealed record SignBlobOptions(string FilePath, string KeyPath, string? BundlePath = null, string? OutputSignaturePath = null);

/// <summary>What <c>sign-blob</c> produced.</summary>
/// <param name="SignatureBase64">The signature, base64 as cosign prints it.</param>
/// <param name="BundlePath">The bundle written, or null.</param>
public sealed record SignBlobResult(string SignatureBase64, string? BundlePath);

/// <summary>What <c>verify-blob</c> asks for: exactly one of <paramref name="BundlePath"/> and <paramref name="SignaturePath"/>.</summary>
/// <param name="FilePath">The artifact.</param>
/// <param name="KeyPath">The public key (key-based signatures), or null for a keyless one.</param>
/// <param name="BundlePath">A Sigstore bundle (or the JSON lines of <c>gh attestation download</c>).</param>
/// <param name="SignaturePath">A base64 signature file (key-based only).</param>
/// <param name="Certificate">The keyless identity and trust options; exactly one of <paramref name="KeyPath"/> and an identity is required.</param>
public sealed record VerifyBlobOptions(string FilePath, string? KeyPath, string? BundlePath = null, string? SignaturePath = null, CertificateVerificationOptions? Certificate = null);

/// <summary>What <c>attest-blob</c> asks for.</summary>
/// <param name="FilePath">The artifact the statement is about (its file name and sha256 make the subject).</param>
/// <param name="PredicatePath">The predicate JSON file.</param>
/// <param name="Type">A cosign short name (<c>slsaprovenance1</c>, <c>cyclonedx</c>, <c>spdxjson</c>...) or a predicate type URI.</param>
/// <param name="KeyPath">The private key file.</param>
/// <param name="BundlePath">Where to write the bundle.</param>
/// <remarks>
/// The predicate file may also be a whole in-toto Statement v1 (as <c>pipelineguard provenance</c> writes): its predicate
/// and predicate type are attested, and one of its subjects must be the file. <paramref name="Type"/> null means the
/// statement's type, or <c>custom</c> for a bare predicate.
/// </remarks>
public sealed record AttestBlobOptions(string FilePath, string PredicatePath, string? Type, string KeyPath, string BundlePath);

/// <summary>What <c>verify-blob-attestation</c> asks for.</summary>
/// <param name="FilePath">The artifact; one subject must carry its sha256.</param>
/// <param name="KeyPath">The public key file.</param>
/// <param name="BundlePath">The bundle.</param>
/// <param name="Type">The required predicate type (short name or URI), or null for any.</param>
/// <param name="Certificate">The keyless identity and trust options; exactly one of <paramref name="KeyPath"/> and an identity is required.</param>
public sealed record VerifyBlobAttestationOptions(string FilePath, string? KeyPath, string BundlePath, string? Type = null, CertificateVerificationOptions? Certificate = null);

/// <summary>The outcome of <c>verify-blob-attestation</c>: the verified statement, or why not.</summary>
public sealed record BlobAttestationResult(VerificationResult Status, InTotoStatement? Statement);

/// <summary>Signing and verifying files (nupkg, zip, SBOM) with keys, as cosign's blob verbs do.</summary>
public static class BlobSigning
{
    /// <summary>Signs a file: SHA-256 ECDSA, DER, base64; optionally a bundle and a signature file.</summary>
    public static async Task<SigningResult<SignBlobResult>> SignAsync(SignBlobOptions options, PasswordSource passwords, CancellationToken cancellationToken = default)
    {
        var artifact = await ReadAsync(options.FilePath, "artifact", cancellationToken);
        if (!artifact.Succeeded)
        {
            return SigningResult<SignBlobResult>.Failure(artifact.Error!);
        }

        var key = await PrivateKeyReader.ReadFileAsync(options.KeyPath, passwords, cancellationToken);
        if (!key.Succeeded)
        {
            return SigningResult<SignBlobResult>.Failure(key.Error!);
        }

        using var signer = key.Value!;
        var signature = await signer.SignAsync(artifact.Value, cancellationToken);
        var base64 = Convert.ToBase64String(signature);
        try
        {
            if (options.OutputSignaturePath is not null)
            {
                await IO.AtomicFile.WriteTextAsync(options.OutputSignaturePath, base64, cancellationToken: cancellationToken);
            }

            if (options.BundlePath is not null)
            {
                // The digest the key's algorithm hashes with, as cosign 2.6 writes it (SHA2_384 for a P-384 key).
                var digestAlgorithm = MessageDigestAlgorithm.ForSignatureAlgorithm(signer.Algorithm) ?? MessageDigestAlgorithm.Sha256;
                var bundle = new SigstoreBundle(SigstoreBundle.MediaTypeV03, PublicKeyHint.Compute(signer.PublicKey.Span),
                    new MessageSignature(digestAlgorithm.HashData(artifact.Value!), signature) { Algorithm = digestAlgorithm }, null);
                await IO.AtomicFile.WriteAsync(options.BundlePath, BundleWriter.Write(bundle), cancellationToken: cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SigningResult<SignBlobResult>.Failure($"cannot write the signature: {e.Message}");
        }

        return SigningResult<SignBlobResult>.Success(new SignBlobResult(base64, options.BundlePath));
    }

    /// <summary>Verifies a file against a bundle or a base64 signature file.</summary>
    public static async Task<VerificationResult> VerifyAsync(VerifyBlobOptions options, CancellationToken cancellationToken = default)
    {
        if ((options.BundlePath is null) == (options.SignaturePath is null))
        {
            return VerificationResult.Reject(VerificationFailure.InputUnavailable, "give exactly one of --bundle and --signature");
        }

        if (CertificateVerificationOptions.KeyOrIdentityError(options.KeyPath, options.Certificate) is { } usage)
        {
            return VerificationResult.Reject(VerificationFailure.InputUnavailable, usage);
        }

        if (options.KeyPath is null)
        {
            return await VerifyKeylessAsync(options, cancellationToken);
        }

        var artifact = await ReadAsync(options.FilePath, "artifact", cancellationToken);
        var key = await PublicKeyReader.ReadFileAsync(options.KeyPath, cancellationToken);
        var evidence = await ReadAsync((options.BundlePath ?? options.SignaturePath)!, options.BundlePath is null ? "signature" : "bundle", cancellationToken);
        foreach (var error in new[] { artifact.Error, key.Error, evidence.Error })
        {
            if (error is not null)
            {
                return VerificationResult.Reject(error == key.Error ? VerificationFailure.UnsupportedKey : VerificationFailure.InputUnavailable, error);
            }
        }

        if (options.BundlePath is not null)
        {
            var root = EvidenceRoot(options.Certificate);
            return root.Succeeded
                ? BundleVerifier.VerifyMessage(evidence.Value, artifact.Value, key.Value!, root.Value, options.Certificate?.InsecureIgnoreTlog == true)
                : VerificationResult.Reject(VerificationFailure.InputUnavailable, root.Error!);
        }

        var text = Encoding.UTF8.GetString(evidence.Value!).Trim();
        if (!StrictBase64.TryDecode(text, out var signature))
        {
            return VerificationResult.Reject(VerificationFailure.InvalidBase64, $"{options.SignaturePath}: the signature is not valid base64 (truncated or garbage)");
        }

        return key.Value!.Verify(artifact.Value, signature);
    }

    /// <summary>Makes an in-toto Statement v1 about a file, signs it in DSSE and writes it in a bundle.</summary>
    public static async Task<SigningResult<InTotoStatement>> AttestAsync(AttestBlobOptions options, PasswordSource passwords, CancellationToken cancellationToken = default)
    {
        var predicateType = PredicateTypes.Resolve(options.Type ?? "custom");
        if (!predicateType.Succeeded)
        {
            return SigningResult<InTotoStatement>.Failure(predicateType.Error!);
        }

        var artifact = await ReadAsync(options.FilePath, "artifact", cancellationToken);
        var predicateBytes = await ReadAsync(options.PredicatePath, "predicate", cancellationToken);
        foreach (var error in new[] { artifact.Error, predicateBytes.Error })
        {
            if (error is not null)
            {
                return SigningResult<InTotoStatement>.Failure(error);
            }
        }

        var predicate = ParsePredicate(options.PredicatePath, predicateBytes.Value!);
        if (!predicate.Succeeded)
        {
            return SigningResult<InTotoStatement>.Failure(predicate.Error!);
        }

        var artifactDigest = Sha256Hex(artifact.Value!);
        if ((predicate.Value!["_type"] as JsonValue)?.GetValueKind() == JsonValueKind.String && predicate.Value!["_type"]!.GetValue<string>() == InTotoStatement.StatementV1)
        {
            // A whole statement: attest its predicate, under its type, for a file it is about.
            var given = InTotoStatement.Parse(predicateBytes.Value!);
            if (!given.Succeeded)
            {
                return SigningResult<InTotoStatement>.Failure($"{options.PredicatePath}: {given.Error}");
            }

            if (!given.Value!.Subjects.Any(subject => subject.Digest.TryGetValue("sha256", out var hex) && string.Equals(hex, artifactDigest, StringComparison.OrdinalIgnoreCase)))
            {
                return SigningResult<InTotoStatement>.Failure($"{options.PredicatePath}: the statement is not about {options.FilePath} (no subject has its sha256 {artifactDigest})");
            }

            if (options.Type is not null && predicateType.Value != given.Value.PredicateType)
            {
                return SigningResult<InTotoStatement>.Failure($"--type {options.Type} is {predicateType.Value}, but the statement in {options.PredicatePath} is {given.Value.PredicateType}");
            }

            predicateType = SigningResult<string>.Success(given.Value.PredicateType);
            predicate = SigningResult<JsonNode>.Success(given.Value.Predicate ?? new JsonObject());
        }

        var key = await PrivateKeyReader.ReadFileAsync(options.KeyPath, passwords, cancellationToken);
        if (!key.Succeeded)
        {
            return SigningResult<InTotoStatement>.Failure(key.Error!);
        }

        using var signer = key.Value!;
        var subject = new InTotoSubject(Path.GetFileName(options.FilePath), new Dictionary<string, string> { ["sha256"] = artifactDigest });
        var statement = new InTotoStatement([subject], predicateType.Value!, predicate.Value);
        var envelope = await Dsse.SignAsync(signer, Dsse.InTotoPayloadType, statement.ToJson(), cancellationToken);
        var bundle = new SigstoreBundle(SigstoreBundle.MediaTypeV03, PublicKeyHint.Compute(signer.PublicKey.Span), null, envelope);
        try
        {
            await IO.AtomicFile.WriteAsync(options.BundlePath, BundleWriter.Write(bundle), cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SigningResult<InTotoStatement>.Failure($"{options.BundlePath}: cannot write the bundle: {e.Message}");
        }

        return SigningResult<InTotoStatement>.Success(statement);
    }

    /// <summary>Verifies an attestation bundle: signature, payload type, predicate type and the file's digest among the subjects.</summary>
    public static async Task<BlobAttestationResult> VerifyAttestationAsync(VerifyBlobAttestationOptions options, CancellationToken cancellationToken = default)
    {
        string? predicateType = null;
        if (options.Type is not null)
        {
            var resolved = PredicateTypes.Resolve(options.Type);
            if (!resolved.Succeeded)
            {
                return new(VerificationResult.Reject(VerificationFailure.PredicateTypeMismatch, resolved.Error!), null);
            }

            predicateType = resolved.Value;
        }

        if (CertificateVerificationOptions.KeyOrIdentityError(options.KeyPath, options.Certificate) is { } usage)
        {
            return new(VerificationResult.Reject(VerificationFailure.InputUnavailable, usage), null);
        }

        if (options.KeyPath is null)
        {
            return await VerifyKeylessAttestationAsync(options, predicateType, cancellationToken);
        }

        var artifact = await ReadAsync(options.FilePath, "artifact", cancellationToken);
        var key = await PublicKeyReader.ReadFileAsync(options.KeyPath, cancellationToken);
        var bundle = await ReadAsync(options.BundlePath, "bundle", cancellationToken);
        foreach (var error in new[] { artifact.Error, key.Error, bundle.Error })
        {
            if (error is not null)
            {
                return new(VerificationResult.Reject(error == key.Error ? VerificationFailure.UnsupportedKey : VerificationFailure.InputUnavailable, error), null);
            }
        }

        var evidenceRoot = EvidenceRoot(options.Certificate);
        if (!evidenceRoot.Succeeded)
        {
            return new(VerificationResult.Reject(VerificationFailure.InputUnavailable, evidenceRoot.Error!), null);
        }

        var (statement, status) = BundleVerifier.VerifyAttestation(bundle.Value, key.Value!, predicateType, Sha256Hex(artifact.Value!), evidenceRoot.Value, options.Certificate?.InsecureIgnoreTlog == true);
        return new(status, statement);
    }

    private static SigningResult<TrustedRoot> EvidenceRoot(CertificateVerificationOptions? certificate) =>
        certificate?.TrustedRootPath is null ? SigningResult<TrustedRoot>.Success(TrustedRoot.PublicGood) : certificate.LoadTrustedRoot();

    private static async Task<VerificationResult> VerifyKeylessAsync(VerifyBlobOptions options, CancellationToken cancellationToken)
    {
        if (options.BundlePath is null)
        {
            return VerificationResult.Reject(VerificationFailure.InputUnavailable, "keyless verification needs --bundle (a bare --signature carries no certificate or log entry)");
        }

        var keyless = options.Certificate!.Resolve();
        if (!keyless.Succeeded)
        {
            return VerificationResult.Reject(VerificationFailure.InputUnavailable, keyless.Error!);
        }

        var artifact = await ReadAsync(options.FilePath, "artifact", cancellationToken);
        var bundle = await ReadAsync(options.BundlePath, "bundle", cancellationToken);
        if ((artifact.Error ?? bundle.Error) is { } error)
        {
            return VerificationResult.Reject(VerificationFailure.InputUnavailable, error);
        }

        VerificationResult? first = null;
        foreach (var json in SigstoreBundleFile.Split(bundle.Value!))
        {
            var (read, status) = SigstoreEvidenceReader.Read(json);
            var result = read is null
                ? status
                : read.Content.MessageSignature is null
                    ? VerificationResult.Reject(VerificationFailure.MalformedBundle, "the bundle holds a DSSE envelope, not a messageSignature; use verify-blob-attestation")
                    : KeylessVerifier.Verify(read, artifact.Value, keyless.Value!).Status;
            if (result.IsValid)
            {
                return result;
            }

            first ??= result;
        }

        return first!;
    }

    private static async Task<BlobAttestationResult> VerifyKeylessAttestationAsync(VerifyBlobAttestationOptions options, string? predicateType, CancellationToken cancellationToken)
    {
        var keyless = options.Certificate!.Resolve();
        if (!keyless.Succeeded)
        {
            return new(VerificationResult.Reject(VerificationFailure.InputUnavailable, keyless.Error!), null);
        }

        var artifact = await ReadAsync(options.FilePath, "artifact", cancellationToken);
        var bundle = await ReadAsync(options.BundlePath, "bundle", cancellationToken);
        if ((artifact.Error ?? bundle.Error) is { } error)
        {
            return new(VerificationResult.Reject(VerificationFailure.InputUnavailable, error), null);
        }

        var digest = Sha256Hex(artifact.Value!);
        BlobAttestationResult? first = null;
        foreach (var json in SigstoreBundleFile.Split(bundle.Value!))
        {
            var (read, status) = SigstoreEvidenceReader.Read(json);
            BlobAttestationResult result;
            if (read is null)
            {
                result = new(status, null);
            }
            else if (read.Content.DsseEnvelope is not { } envelope)
            {
                result = new(VerificationResult.Reject(VerificationFailure.MalformedBundle, "the bundle holds a messageSignature, not a DSSE envelope; use verify-blob"), null);
            }
            else if (envelope.PayloadType != Dsse.InTotoPayloadType)
            {
                result = new(VerificationResult.Reject(VerificationFailure.PayloadType, $"DSSE payloadType is '{envelope.PayloadType}', expected '{Dsse.InTotoPayloadType}'"), null);
            }
            else
            {
                var verified = KeylessVerifier.Verify(read, null, keyless.Value!);
                if (!verified.IsValid)
                {
                    result = new(verified.Status, null);
                }
                else
                {
                    var (statement, checkedStatement) = BundleVerifier.CheckStatement(envelope.Payload, predicateType, digest);
                    result = new(checkedStatement.IsValid ? VerificationResult.Valid($"{checkedStatement.Message}; {verified.Status.Message}") : checkedStatement, statement);
                }
            }

            if (result.Status.IsValid)
            {
                return result;
            }

            first ??= result;
        }

        return first!;
    }

    internal static SigningResult<JsonNode> ParsePredicate(string path, byte[] bytes)
    {
        try
        {
            var node = JsonNode.Parse(bytes);
            return node is JsonObject
                ? SigningResult<JsonNode>.Success(node)
                : SigningResult<JsonNode>.Failure($"{path}: the predicate must be a JSON object");
        }
        catch (JsonException e)
        {
            return SigningResult<JsonNode>.Failure($"{path}: the predicate is not JSON (line {e.LineNumber + 1}): {e.Message}");
        }
    }

    internal static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    private static async Task<SigningResult<byte[]>> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        try
        {
            return SigningResult<byte[]>.Success(await IO.InputFile.ReadAllBytesAsync(path, Array.MaxLength, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SigningResult<byte[]>.Failure($"{path}: cannot read the {what}: {e.Message}");
        }
    }
}
