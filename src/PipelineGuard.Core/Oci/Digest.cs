using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace PipelineGuard.Oci;

/// <summary>
/// A content digest <c>algorithm:hex</c> as OCI uses it. Only <c>sha256</c> (64 hex digits) and <c>sha512</c>
/// (128 hex digits) are accepted, lower-case, so every digest PipelineGuard handles can be verified.
/// </summary>
public sealed record Digest
{
    /// <summary>The SHA-256 algorithm name.</summary>
    public const string Sha256 = "sha256";

    /// <summary>The SHA-512 algorithm name.</summary>
    public const string Sha512 = "sha512";

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    /// <summary><c>sha256</c> or <c>sha512</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The lower-case hexadecimal hash.</summary>
    public string Hex { get; }

    /// <summary>Parses <c>algorithm:hex</c>; returns false with a message when it is not a supported, well-formed digest.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Digest? digest, [NotNullWhen(false)] out string? error)
    {
        digest = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "digest is empty";
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"digest '{text}' is not of the form algorithm:hex";
            return false;
        }

        var algorithm = text[..colon];
        var hex = text[(colon + 1)..];
        var expected = algorithm switch
        {
            Sha256 => 64,
            Sha512 => 128,
            _ => -1,
        };
        if (expected < 0)
        {
            error = $"digest '{text}' uses unsupported algorithm '{algorithm}' (sha256 and sha512 are supported)";
            return false;
        }

        if (hex.Length != expected || !hex.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            error = $"digest '{text}' must have {expected} lower-case hexadecimal digits after '{algorithm}:'";
            return false;
        }

        digest = new Digest(algorithm, hex);
        error = null;
        return true;
    }

    /// <summary>Parses a digest, throwing <see cref="OciException"/> (<see cref="OciErrorKind.InvalidInput"/>) when malformed.</summary>
    public static Digest Parse(string text)
        => TryParse(text, out var digest, out var error) ? digest : throw new OciException(OciErrorKind.InvalidInput, error);

    /// <summary>The digest of <paramref name="data"/> with <paramref name="algorithm"/>.</summary>
    public static Digest Compute(ReadOnlySpan<byte> data, string algorithm = Sha256)
    {
        var hash = algorithm switch
        {
            Sha256 => SHA256.HashData(data),
            Sha512 => SHA512.HashData(data),
            _ => throw new ArgumentException($"unsupported digest algorithm '{algorithm}'", nameof(algorithm)),
        };
        return new Digest(algorithm, Convert.ToHexString(hash).ToLowerInvariant());
    }

    /// <summary>Reads <paramref name="stream"/> to its end and returns its digest.</summary>
    public static async Task<Digest> ComputeAsync(Stream stream, string algorithm = Sha256, CancellationToken cancellationToken = default)
    {
        using var hash = CreateHash(algorithm);
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return FromHash(algorithm, hash.GetHashAndReset());
    }

    /// <summary>An incremental hash for <paramref name="algorithm"/>.</summary>
    public static IncrementalHash CreateHash(string algorithm) => algorithm switch
    {
        Sha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        Sha512 => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        _ => throw new ArgumentException($"unsupported digest algorithm '{algorithm}'", nameof(algorithm)),
    };

    /// <summary>A digest from a finished hash value.</summary>
    public static Digest FromHash(string algorithm, byte[] hash) => new(algorithm, Convert.ToHexString(hash).ToLowerInvariant());

    /// <summary>An incremental hash of this digest's algorithm.</summary>
    public IncrementalHash CreateHash() => CreateHash(Algorithm);

    /// <summary>Whether <paramref name="data"/> has this digest.</summary>
    public bool Matches(ReadOnlySpan<byte> data) => Compute(data, Algorithm) == this;

    /// <summary>The cosign / referrers tag-schema form <c>sha256-HEX</c>.</summary>
    public string ToTagSchema() => $"{Algorithm}-{Hex}";

    /// <summary><c>algorithm:hex</c>.</summary>
    public override string ToString() => $"{Algorithm}:{Hex}";
}
