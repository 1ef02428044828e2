using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>How a policy's <c>registries</c> section extends the evidence options a front end gives.</summary>
public static class GateEvidence
{
    /// <summary>
    /// <paramref name="evidence"/> plus the policy's plain-HTTP hosts and its layouts (folders resolved against the
    /// policy's folder, names keyed by the normalised image name the evidence collector looks up).
    /// </summary>
    public static ImageEvidenceOptions For(ImageEvidenceOptions evidence, GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(policy);
        var layouts = new Dictionary<string, string>(evidence.Layouts, StringComparer.Ordinal);
        foreach (var (name, folder) in policy.Registries.Layouts)
        {
            var key = Oci.ImageReference.TryParse(name, out var parsed, out _) ? parsed.Name : name;
            layouts[key] = policy.ResolvePath(folder);
        }

        return evidence with
        {
            AllowHttp = [.. evidence.AllowHttp.Concat(policy.Registries.AllowHttp).Distinct(StringComparer.Ordinal)],
            Layouts = layouts,
        };
    }
}
