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

    /// <summary>
    /// <paramref name="text"/> (an instruction shown as evidence, a history line) with every secret the engine finds in it
    /// replaced by its preview, so that evidence never carries a secret either.
    /// </summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = SecretPatterns.FindAll(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var redacted = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var match in matches)
        {
            if (match.Start < at)
            {
                continue;
            }

            redacted.Append(text, at, match.Start - at).Append(Preview(text.AsSpan(match.Start, match.Length)));
            at = match.Start + match.Length;
        }

        return redacted.Append(text, at, text.Length - at).ToString();
    }
}
