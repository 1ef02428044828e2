using PipelineGuard.Findings;
using PipelineGuard.Gate;

namespace PipelineGuard.Licenses;

/// <summary>The licence rules (PG5xxx), declared once; the rule registry includes them and docs/policy.md documents each.</summary>
internal static class LicenseRuleCatalog
{
    /// <summary>A component's licence is denied, or not allowed, by the policy's <c>licenses</c> section.</summary>
    public static readonly RuleDescriptor DeniedLicense = Declare("PG5001", "denied-license", "A component's licence is denied or not allowed by the policy", Severity.Error);

    /// <summary>A component has no licence, or one that cannot be judged (not SPDX, a LicenseRef, malformed).</summary>
    public static readonly RuleDescriptor UnknownLicense = Declare("PG5002", "unknown-license", "A component's licence is missing or cannot be judged", Severity.Warning);

    /// <summary>Every licence rule.</summary>
    public static IReadOnlyList<RuleDescriptor> Rules { get; } = [DeniedLicense, UnknownLicense];

    private static RuleDescriptor Declare(string id, string name, string title, Severity severity) =>
        new(id, name, title, severity, new Uri($"{GateRules.DocumentationBase}#{id.ToLowerInvariant()}-{name}"), RuleFamily.Licences);
}
