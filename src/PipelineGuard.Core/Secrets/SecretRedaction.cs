using System.Security.Cryptography;

namespace PipelineGuard.Secrets;

/// <summary>How a secret is shown: never whole. A preview of its first characters, and its SHA-256.</summary>
public static class SecretRedaction
{
    /// <summary>The mark that stands for the hidden rest of a secret.</summary>
    public const string Mask = "********";

    /// <summary>
    /// The first 4 characters of <paramref name="secret"/> followed by <see cref="Mask"/>; for a secret shorter than 12
    /// characters, only its first third, so that no preview shows more than a third of a secret. Characters outside
    /// printable ASCII are shown as <c>?</c>.
    /// </summary>
    public static string Preview(ReadOnlySpan<char> secret)
    {
        var shown = secret.Length >= 12 ? 4 : secret.Length / 3;
        Span<char> preview = stackalloc char[shown];
        for (var i = 0; i < shown; i++)
        {
            preview[i] = secret[i] is >= ' ' and <= '~' ? secret[i] : '?';
        }

        return new string(preview) + Mask;
    }

    /// <summary>The SHA-256 of <paramref name="bytes"/>, lower-case hex.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexString(hash).ToLowerInvariant();
    }
}
