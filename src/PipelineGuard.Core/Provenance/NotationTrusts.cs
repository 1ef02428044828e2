using PipelineGuard.Signing.Notation;

namespace PipelineGuard.Provenance;

/// <summary>Loads the Notation trust policies a policy's signature rules name, as the trusted keys are loaded.</summary>
public static class NotationTrusts
{
    /// <summary>
    /// Loads every requirement's trust policy and store (paths resolved with <paramref name="resolve"/>) or preset;
    /// returns the trusts, or every error with its file, field and fix (a configuration error: exit code 2).
    /// </summary>
    public static (IReadOnlyList<NotationTrust> Trusts, IReadOnlyList<string> Errors) Load(IEnumerable<NotationRequirement> requirements, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(resolve);
        var trusts = new List<NotationTrust>();
        var errors = new List<string>();
        foreach (var group in requirements.GroupBy(r => r.Label, StringComparer.Ordinal))
        {
            // Evidence names a trust policy by its file (or preset): one name must mean one policy and one store.
            var requirement = group.First();
            if (group.Any(r => r.TrustStore != requirement.TrustStore))
            {
                errors.Add($"Notation trust policy: {requirement.Name} is named with two trust stores ({string.Join(", ", group.Select(r => r.TrustStore).Distinct())}); use one store per trust policy file");
                continue;
            }

            var (trust, problems) = NotationTrust.Load(
                requirement.TrustPolicy is null ? null : resolve(requirement.TrustPolicy),
                requirement.TrustStore is null ? null : resolve(requirement.TrustStore),
                requirement.Preset,
                requirement.Name);
            if (trust is null)
            {
                errors.AddRange(problems.Select(p => "Notation trust policy: " + p));
                continue;
            }

            trusts.Add(trust);
        }

        return (trusts, errors);
    }
}
