using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PipelineGuard.Signing.Keyless;

/// <summary>What one log entry proved: the log, the entry's index and, for a verified SET, the integrated time.</summary>
/// <param name="Log">The log that holds the entry.</param>
/// <param name="LogIndex">The entry's index.</param>
/// <param name="IntegratedTime">The time the SET vouches for, or null (Rekor v2, or no SET).</param>
public sealed record VerifiedLogEntry(LogKey Log, long LogIndex, DateTimeOffset? IntegratedTime);

/// <summary>Verifies Rekor entries offline: the SET (v1), the inclusion proof and its signed checkpoint (v1 and v2).</summary>
public static class TransparencyLogVerifier
{
    /// <summary>Checks one entry's log evidence (not its body; see <see cref="TransparencyLogBody"/>).</summary>
    public static (VerifiedLogEntry? Entry, VerificationResult Status) Verify(TransparencyLogEntry entry, TrustedRoot root)
    {
        var log = root.FindTransparencyLog(entry.LogId);
        if (log is null)
        {
            return (null, VerificationResult.Reject(VerificationFailure.TlogUnknown, $"the log entry is from log {Convert.ToBase64String(entry.LogId)}, which {root.Source} does not name"));
        }

        if (entry.SignedEntryTimestamp is null && entry.Proof is null)
        {
            return (null, VerificationResult.Reject(VerificationFailure.TlogMissing, $"log entry {entry.LogIndex} has neither an inclusion promise (SET) nor an inclusion proof"));
        }

        DateTimeOffset? integrated = null;
        if (entry.SignedEntryTimestamp is { } set)
        {
            if (entry.IntegratedTime is not { } seconds)
            {
                return (null, VerificationResult.Reject(VerificationFailure.TlogPromiseInvalid, $"log entry {entry.LogIndex} has an inclusion promise but no integratedTime"));
            }

            var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{{\"body\":\"{Convert.ToBase64String(entry.CanonicalizedBody)}\",\"integratedTime\":{seconds},\"logID\":\"{Convert.ToHexString(entry.LogId).ToLowerInvariant()}\",\"logIndex\":{entry.LogIndex}}}"));
            var result = log.Key.Verify(payload, set);
            if (!result.IsValid)
            {
                return (null, VerificationResult.Reject(VerificationFailure.TlogPromiseInvalid, $"the inclusion promise (SET) of log entry {entry.LogIndex} does not verify with the key of {log.BaseUrl}: {result.Message}"));
            }

            integrated = DateTimeOffset.FromUnixTimeSeconds(seconds);
            if (!log.ValidFor.Contains(integrated.Value))
            {
                return (null, VerificationResult.Reject(VerificationFailure.TlogPromiseInvalid, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"log entry {entry.LogIndex} was integrated at {integrated:yyyy-MM-ddTHH:mm:ssZ}, outside the validity of {log.BaseUrl}'s key ({log.ValidFor})")));
            }
        }

        if (entry.Proof is { } proof)
        {
            var proofStatus = VerifyProof(entry, proof, log);
            if (!proofStatus.IsValid)
            {
                return (null, proofStatus);
            }
        }

        return (new VerifiedLogEntry(log, entry.LogIndex, integrated), VerificationResult.Valid($"log entry {entry.LogIndex} in {log.BaseUrl} verified"));
    }

    private static VerificationResult VerifyProof(TransparencyLogEntry entry, InclusionProof proof, LogKey log)
    {
        var computed = MerkleInclusionProof.RootFromPath(proof.LogIndex, proof.TreeSize, MerkleInclusionProof.LeafHash(entry.CanonicalizedBody), proof.Hashes);
        if (computed is null)
        {
            return VerificationResult.Reject(VerificationFailure.TlogInclusionProofInvalid, $"the inclusion proof of log entry {entry.LogIndex} has {proof.Hashes.Count} hashes, which do not fit index {proof.LogIndex} in a tree of {proof.TreeSize}");
        }

        if (!CryptographicOperations.FixedTimeEquals(computed, proof.RootHash))
        {
            return VerificationResult.Reject(VerificationFailure.TlogInclusionProofInvalid, $"the inclusion proof of log entry {entry.LogIndex} computes root {Convert.ToBase64String(computed)}, not the proof's root hash {Convert.ToBase64String(proof.RootHash)}");
        }

        if (proof.Checkpoint is null)
        {
            // Bundles v0.1 may carry a proof without a checkpoint; then the SET is the only signed evidence.
            return entry.SignedEntryTimestamp is null
                ? VerificationResult.Reject(VerificationFailure.TlogCheckpointInvalid, $"the inclusion proof of log entry {entry.LogIndex} has no signed checkpoint and the entry no SET")
                : VerificationResult.Valid("inclusion proof verified (no checkpoint)");
        }

        var (checkpoint, error) = SignedCheckpoint.Parse(proof.Checkpoint);
        if (checkpoint is null)
        {
            return VerificationResult.Reject(VerificationFailure.TlogCheckpointInvalid, $"the checkpoint of log entry {entry.LogIndex} is malformed: {error}");
        }

        var signature = checkpoint.VerifySignature(log);
        if (!signature.IsValid)
        {
            return VerificationResult.Reject(signature.Failure, $"log entry {entry.LogIndex}: {signature.Message}");
        }

        if (checkpoint.TreeSize != proof.TreeSize || !CryptographicOperations.FixedTimeEquals(checkpoint.RootHash, proof.RootHash))
        {
            return VerificationResult.Reject(VerificationFailure.TlogInclusionProofInvalid,
                $"the inclusion proof of log entry {entry.LogIndex} (tree {proof.TreeSize}, root {Convert.ToBase64String(proof.RootHash)}) does not match the signed checkpoint (tree {checkpoint.TreeSize}, root {Convert.ToBase64String(checkpoint.RootHash)})");
        }

        return VerificationResult.Valid("inclusion proof and checkpoint verified");
    }
}
