using PipelineGuard.Secrets;

namespace Cake.PipelineGuard;

/// <summary>What <c>PipelineGuardSecrets</c> found: findings hold the rule, place, redacted preview and fingerprint, never the secret.</summary>
public sealed class PipelineGuardSecretsResult : PipelineGuardResult
{
    internal PipelineGuardSecretsResult(SecretScanResult? scan, IReadOnlyList<string> errors)
        : base(errors)
    {
        Scan = scan;
    }

    /// <summary>The scan, or null when it could not run.</summary>
    public SecretScanResult? Scan { get; }

    /// <summary>The secrets found and not allowed.</summary>
    public IReadOnlyList<SecretFinding> Findings => Scan?.Findings ?? [];
}
