using PipelineGuard.Oci;
using PipelineGuard.Signing.Revocation;

namespace PipelineGuard.Signing.Notation;

/// <summary>What <c>verify --trust-policy</c> (or <c>--trust-policy-preset</c>) asks for.</summary>
/// <param name="Images">Registry references or <c>oci:DIR[:TAG]</c>.</param>
/// <param name="Trust">The loaded trust policy and store.</param>
public sealed record VerifyNotationImageOptions(IReadOnlyList<string> Images, NotationTrust Trust)
{
    /// <summary>Registry settings.</summary>
    public RegistryClientOptions Registry { get; init; } = new();

    /// <summary>How revocation is checked; null (the default) checks online, with the CRL cache and the trust store's CRL files.</summary>
    public IRevocationChecker? Revocation { get; init; }

    /// <summary>The current time (tests pin it).</summary>
    public TimeProvider? Clock { get; init; }
}

/// <summary>The outcome for one image.</summary>
/// <param name="Image">The image as given.</param>
/// <param name="Digest">The digest the reference resolved to, or null when it could not be resolved.</param>
/// <param name="IsValid">Whether a signature verified (or the level is skip).</param>
/// <param name="Message">What verified, or why nothing did.</param>
/// <param name="Result">The verification, once the digest was resolved.</param>
public sealed record NotationImageVerification(string Image, string? Digest, bool IsValid, string Message, NotationImageResult? Result);

/// <summary>The <c>verify</c> job for Notary Project signatures: resolves each image and verifies the digest it names.</summary>
public static class NotationImageJob
{
    /// <summary>Verifies every image; one image's failure does not stop the others.</summary>
    public static async Task<IReadOnlyList<NotationImageVerification>> VerifyAsync(VerifyNotationImageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<NotationImageVerification>();
        foreach (var image in options.Images)
        {
            results.Add(await VerifyOneAsync(image, options, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private static async Task<NotationImageVerification> VerifyOneAsync(string image, VerifyNotationImageOptions options, CancellationToken cancellationToken)
    {
        if (!ImageLocation.TryParse(image, out var location, out var error))
        {
            return new NotationImageVerification(image, null, false, $"'{image}': {error}", null);
        }

        Digest? digest = null;
        try
        {
            using var store = await location.OpenStoreAsync(options.Registry with { IsCommandTarget = true }, cancellationToken: cancellationToken).ConfigureAwait(false);
            var reference = location.Reference.Length == 0 ? ImageReference.DefaultTag : location.Reference;
            // The manifest itself, not a HEAD: the signed descriptor's size is compared with the bytes, not a header.
            var subject = (await store.GetManifestAsync(location.Repository, reference, cancellationToken).ConfigureAwait(false)).Descriptor;
            digest = subject.Digest;
            var result = await NotationImageVerifier.VerifyAsync(store, location.Repository, NotationImageVerifier.ScopeOf(location), subject, options.Trust, options.Revocation, options.Clock, cancellationToken).ConfigureAwait(false);
            return new NotationImageVerification(image, digest.ToString(), result.IsValid, result.Message(image, digest), result);
        }
        catch (OciException e)
        {
            return new NotationImageVerification(image, digest?.ToString(), false, $"{image}{(digest is null ? string.Empty : " (" + digest + ")")}: {e.Message.TrimEnd('.')}", null);
        }
    }
}
