using System.Globalization;
using System.Text;

namespace PipelineGuard.Signing.Keyless;

/// <summary>A transparency log's signed checkpoint (a signed note: origin, tree size, root hash, optional lines; then signatures).</summary>
/// <param name="Origin">The log's origin line.</param>
/// <param name="TreeSize">The tree size.</param>
/// <param name="RootHash">The tree root hash.</param>
/// <param name="Body">The signed text, through the newline that ends the last body line.</param>
/// <param name="Signatures">The signature lines: signer name and the 4-byte key hint plus signature.</param>
public sealed record SignedCheckpoint(string Origin, long TreeSize, byte[] RootHash, byte[] Body, IReadOnlyList<(string Name, byte[] HintAndSignature)> Signatures)
{
    /// <summary>Parses a signed note; null with a reason when it is malformed.</summary>
    public static (SignedCheckpoint? Checkpoint, string? Error) Parse(string envelope)
    {
        var split = envelope.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return (null, "the checkpoint has no blank line between its text and its signatures");
        }

        var body = envelope[..(split + 1)];
        var lines = body.Split('\n');
        if (lines.Length < 4)
        {
            return (null, "the checkpoint text has fewer than three lines (origin, size, root hash)");
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return (null, $"the checkpoint's tree size '{lines[1]}' is not a number");
        }

        if (!StrictBase64.TryDecode(lines[2], out var rootHash) || rootHash.Length != 32)
        {
            return (null, "the checkpoint's root hash is not 32 bytes of base64");
        }

        var signatures = new List<(string, byte[])>();
        foreach (var line in envelope[(split + 2)..].Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.StartsWith("\u2014 ", StringComparison.Ordinal))
            {
                return (null, $"the checkpoint signature line '{line}' does not start with an em dash");
            }

            var space = line.LastIndexOf(' ');
            if (space <= 2 || !StrictBase64.TryDecode(line[(space + 1)..], out var signature) || signature.Length < 5)
            {
                return (null, $"the checkpoint signature line '{line}' has no base64 key hint and signature");
            }

            signatures.Add((line[2..space], signature));
        }

        return signatures.Count == 0
            ? (null, "the checkpoint has no signature")
            : (new SignedCheckpoint(lines[0], size, rootHash, Encoding.UTF8.GetBytes(body), signatures), null);
    }

    /// <summary>Valid when a signature whose key hint is the first four bytes of <paramref name="log"/>'s id verifies with its key.</summary>
    public VerificationResult VerifySignature(LogKey log)
    {
        var problems = new List<string>();
        foreach (var (name, hintAndSignature) in Signatures)
        {
            if (!hintAndSignature.AsSpan(0, 4).SequenceEqual(log.LogId.AsSpan(0, 4)))
            {
                continue;
            }

            var result = log.Key.Verify(Body, hintAndSignature.AsSpan(4));
            if (result.IsValid)
            {
                return VerificationResult.Valid($"checkpoint signed by {name}");
            }

            problems.Add($"{name}: {result.Message}");
        }

        return VerificationResult.Reject(VerificationFailure.TlogCheckpointInvalid, problems.Count == 0
            ? $"the checkpoint is not signed by the key of {log.BaseUrl} (no signature with key hint {Convert.ToHexString(log.LogId, 0, 4).ToLowerInvariant()})"
            : $"invalid checkpoint signature: {string.Join("; ", problems)}");
    }
}
