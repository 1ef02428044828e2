using System.Security.Cryptography;

namespace PipelineGuard.Signing;

/// <summary>The Sigstore bundle <c>publicKey.hint</c>: base64(SHA-256(SubjectPublicKeyInfo DER)).</summary>
public static class PublicKeyHint
{
    /// <summary>The hint for <paramref name="subjectPublicKeyInfo"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> subjectPublicKeyInfo) => Convert.ToBase64String(SHA256.HashData(subjectPublicKeyInfo));
}
