using PipelineGuard.Dockerfiles;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;

namespace PipelineGuard.Findings;

/// <summary>
/// Every rule of every finding family, each id and each name declared once: the gate's steps (PG0xxx), hadolint's
/// rules (DLxxxx) and the Dockerfile security rules (PG1xxx) from <see cref="LintRuleCatalog"/>, produced images
/// (PG2xxx), base images (PG3xxx) and secrets (PG4xxx, <see cref="Secrets.SecretRuleCatalog"/>) and licences (PG5xxx, <c>Licenses.LicenseRuleCatalog</c>). Vulnerabilities (PG6xxx) join here.
/// Every report writer and the policy look rules up here, so a finding always shows under its own rule.
/// ShellCheck's codes (SCnnnn) are ShellCheck's, open-ended and not listed; <see cref="IsShellCheckCode"/> tells them.
/// </summary>
public static class RuleRegistry
{
    private const string ShellCheckWiki = "https://www.shellcheck.net/wiki/";

    /// <summary>
    /// Ids retired by the renumbering that gave every family its own block: the base-image rules were PG1001-PG1008,
    /// which are also the Dockerfile security rules' ids. A policy may use the old ids for one release (with a warning).
    /// </summary>
    public static IReadOnlyDictionary<string, string> RetiredIds { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["PG1001"] = ProvenanceRuleIds.AllowedRegistry,
        ["PG1002"] = ProvenanceRuleIds.AllowedRepository,
        ["PG1003"] = ProvenanceRuleIds.RequireDigest,
        ["PG1004"] = ProvenanceRuleIds.DeniedImage,
        ["PG1005"] = ProvenanceRuleIds.DeniedTag,
        ["PG1006"] = ProvenanceRuleIds.Signature,
        ["PG1007"] = ProvenanceRuleIds.Attestation,
        ["PG1008"] = ProvenanceRuleIds.MaxAge,
    };

    private static readonly Lazy<Index> Rules = new(Build);

    /// <summary>Every rule, ordered by id.</summary>
    public static IReadOnlyList<RuleDescriptor> All => Rules.Value.Ordered;

    /// <summary>The rule with this id (exact, case-insensitive), or null.</summary>
    public static RuleDescriptor? FindById(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Rules.Value.ById.GetValueOrDefault(id);
    }

    /// <summary>The rule with this id or name (case-insensitive), or null. Retired ids are not looked up here: see <see cref="Resolve"/>.</summary>
    public static RuleDescriptor? Find(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return Rules.Value.ById.GetValueOrDefault(idOrName) ?? Rules.Value.ByName.GetValueOrDefault(idOrName);
    }

    /// <summary>
    /// The one rule a policy key (in <c>rules:</c> or an exception's <c>rule:</c>) addresses, or null when it names none.
    /// A retired base-image id (PG1001-PG1008) still means the base-image rule it named, for one release, with a
    /// deprecation warning naming the new id: it never addresses the Dockerfile security rule that now has that id
    /// (an old <c>PG1003: warning</c> meant to relax pinning must not relax <c>curl --insecure</c>). That rule is
    /// addressed by its name meanwhile (<c>verification-disabled</c>). ShellCheck codes address themselves.
    /// </summary>
    public static RuleResolution? Resolve(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        if (RetiredIds.TryGetValue(idOrName, out var newId))
        {
            var moved = Rules.Value.ById[newId];
            var lint = Rules.Value.ById.GetValueOrDefault(idOrName.ToUpperInvariant());
            var other = lint is null ? string.Empty : $"; the Dockerfile security rule {lint.Id} is addressed by its name, {lint.Name}, until the old id is retired";
            return new RuleResolution(moved, $"{idOrName.ToUpperInvariant()} is the retired id of the base-image rule {moved.Name}: write {moved.Id} (or {moved.Name}) instead{other}");
        }

        if (Find(idOrName) is { } rule)
        {
            return new RuleResolution(rule, null);
        }

        return IsShellCheckCode(idOrName)
            ? new RuleResolution(ShellCheck(idOrName.ToUpperInvariant()), null)
            : null;
    }

    /// <summary>The rule for a finding's id: the registered rule, a ShellCheck code's descriptor, or null for an id no family knows.</summary>
    public static RuleDescriptor? ForFinding(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return FindById(id) ?? (IsShellCheckCode(id) ? ShellCheck(id) : null);
    }

    /// <summary>Whether <paramref name="code"/> is a ShellCheck code (<c>SC2086</c>).</summary>
    public static bool IsShellCheckCode(string code) =>
        code is { Length: > 2 } && (code[0] is 'S' or 's') && (code[1] is 'C' or 'c') && code[2..].All(char.IsAsciiDigit);

    /// <summary>The family an id's block belongs to (by prefix), or null when the id is in no block.</summary>
    public static RuleFamily? FamilyOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.StartsWith("DL", StringComparison.OrdinalIgnoreCase))
        {
            return RuleFamily.Hadolint;
        }

        if (id.Length != 6 || !id.StartsWith("PG", StringComparison.OrdinalIgnoreCase) || !id[2..].All(char.IsAsciiDigit))
        {
            return null;
        }

        return id[2] switch
        {
            '0' => RuleFamily.GateStep,
            '1' => RuleFamily.DockerfileSecurity,
            '2' => RuleFamily.ProducedImage,
            '3' => RuleFamily.BaseImage,
            '4' => RuleFamily.Secrets,
            '5' => RuleFamily.Licences,
            '6' => RuleFamily.Vulnerabilities,
            _ => null,
        };
    }

    /// <summary>
    /// Every declaration, before indexing, in declaration order; a test checks it for collisions (two rules with one
    /// id or one name, an id outside its family's block).
    /// </summary>
    public static IReadOnlyList<RuleDescriptor> Declarations()
    {
        var list = new List<RuleDescriptor>();
        list.AddRange(GateRules.Steps);
        list.AddRange(LintRuleCatalog.Rules.Select(FromLint));
        list.AddRange(GateRules.ProducedImage);
        list.AddRange(BaseImageRuleCatalog.All.Select(r => r.Descriptor));
        list.AddRange(Secrets.SecretRuleCatalog.Rules);
        list.AddRange(Licenses.LicenseRuleCatalog.Rules);
        list.AddRange(Vulnerabilities.VulnerabilityRuleCatalog.Rules);
        return list;
    }

    private static RuleDescriptor ShellCheck(string code) =>
        new(code, code, $"ShellCheck {code} in a RUN instruction", Severity.Warning, new Uri(ShellCheckWiki + code), RuleFamily.Hadolint);

    private static RuleDescriptor FromLint(LintRule rule)
    {
        var family = rule.Code.StartsWith("PG", StringComparison.Ordinal) ? RuleFamily.DockerfileSecurity : RuleFamily.Hadolint;
        var severity = rule.DefaultSeverity switch
        {
            LintSeverity.Error => Severity.Error,
            LintSeverity.Warning => Severity.Warning,
            LintSeverity.Info or LintSeverity.Style => Severity.Note,
            _ => Severity.Off,
        };
        return new RuleDescriptor(rule.Code, rule.Name ?? rule.Code, rule.Title ?? rule.Message, severity, rule.HelpUri, family)
        {
            SecuritySeverity = family == RuleFamily.DockerfileSecurity ? SecurityScore(severity) : null,
        };
    }

    /// <summary>The <c>security-severity</c> score for a security rule of this severity: high for errors, medium for warnings, low otherwise.</summary>
    internal static string SecurityScore(Severity severity) => severity switch
    {
        Severity.Error => "8.0",
        Severity.Warning => "5.0",
        _ => "3.0",
    };

    private static Index Build()
    {
        var declarations = Declarations();
        var byId = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        var byName = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in declarations)
        {
            // A collision is a defect the registry test reports; the first declaration wins so lookups stay defined.
            byId.TryAdd(rule.Id, rule);
            if (!string.Equals(rule.Name, rule.Id, StringComparison.OrdinalIgnoreCase))
            {
                byName.TryAdd(rule.Name, rule);
            }
        }

        return new Index(byId, byName, [.. byId.Values.OrderBy(r => r.Id, StringComparer.Ordinal)]);
    }

    private sealed record Index(Dictionary<string, RuleDescriptor> ById, Dictionary<string, RuleDescriptor> ByName, IReadOnlyList<RuleDescriptor> Ordered);
}
