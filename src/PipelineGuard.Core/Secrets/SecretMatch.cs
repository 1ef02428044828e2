namespace PipelineGuard.Secrets;

/// <summary>
/// A secret found in a text: the rule, what kind it is, where it is, and a short fingerprint. The secret itself is not
/// kept, so a finding built from a match cannot print it.
/// </summary>
/// <param name="RuleId">The PG4xxx rule the secret is reported under.</param>
/// <param name="Kind">What was found, for people ("GitHub token", "AWS access key id", "password").</param>
/// <param name="Start">Offset of the secret in the searched text.</param>
/// <param name="Length">Length of the secret.</param>
/// <param name="Fingerprint">The first 8 hex digits of the secret's SHA-256: enough to tell two findings apart, not to recover it.</param>
public sealed record SecretMatch(string RuleId, string Kind, int Start, int Length, string Fingerprint)
{
    /// <summary>"kind, fingerprint 1a2b3c4d": how a finding names the secret.</summary>
    public string Describe() => $"{Kind}, fingerprint {Fingerprint}";
}
