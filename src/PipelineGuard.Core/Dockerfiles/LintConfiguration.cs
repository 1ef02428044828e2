namespace PipelineGuard.Dockerfiles;

/// <summary>The resolved lint configuration: defaults, then the config file, then <c>HADOLINT_*</c> variables, then flags.</summary>
public sealed record LintConfiguration
{
    /// <summary>hadolint's defaults (failure threshold info, tty output, ShellCheck when installed).</summary>
    public static LintConfiguration Default { get; } = new();

    /// <summary>Rules not to report.</summary>
    public IReadOnlySet<string> Ignored { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Severity overrides by rule code.</summary>
    public IReadOnlyDictionary<string, LintSeverity> Overrides { get; init; } = new Dictionary<string, LintSeverity>(StringComparer.Ordinal);

    /// <summary>Registries FROM may use (DL3026); empty means any.</summary>
    public IReadOnlyList<string> TrustedRegistries { get; init; } = [];

    /// <summary>Required labels and their formats.</summary>
    public IReadOnlyDictionary<string, string> LabelSchema { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Report labels not in the schema.</summary>
    public bool StrictLabels { get; init; }

    /// <summary>Lowest severity that fails the run; <see cref="LintSeverity.Ignore"/> never fails.</summary>
    public LintSeverity FailureThreshold { get; init; } = LintSeverity.Info;

    /// <summary>Ignore inline ignore pragmas.</summary>
    public bool DisableIgnorePragma { get; init; }

    /// <summary>Always exit 0.</summary>
    public bool NoFail { get; init; }

    /// <summary>No colour in tty output.</summary>
    public bool NoColor { get; init; }

    /// <summary>Output format.</summary>
    public LintOutputFormat Format { get; init; } = LintOutputFormat.Tty;

    /// <summary>
    /// ShellCheck on RUN scripts, as hadolint runs it: null (the default) runs it when a <c>shellcheck</c> binary is on
    /// PATH and says so when none is; true requires it (a missing binary is an error); false switches it off.
    /// </summary>
    public bool? ShellCheck { get; init; }

    /// <summary>The effective severity of <paramref name="code"/>: ignored, overridden, or the rule's default.</summary>
    public LintSeverity SeverityOf(string code, LintSeverity defaultSeverity)
    {
        if (Ignored.Contains(code))
        {
            return LintSeverity.Ignore;
        }

        return Overrides.TryGetValue(code, out var severity) ? severity : defaultSeverity;
    }

    /// <summary>
    /// Applies sources from lowest to highest precedence (file, environment, command line). Scalars: the highest source
    /// that sets one wins. Lists (ignored rules, trusted registries) and maps (overrides, label schema) are merged, a
    /// later source winning per key, as hadolint 2 merges its partial configurations.
    /// </summary>
    public static LintConfiguration Combine(params IEnumerable<LintSettings?> sources)
    {
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, LintSeverity>(StringComparer.Ordinal);
        var registries = new List<string>();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = Default;
        foreach (var source in sources)
        {
            if (source is null)
            {
                continue;
            }

            ignored.UnionWith(source.Ignored ?? []);
            foreach (var pair in source.Overrides ?? new Dictionary<string, LintSeverity>())
            {
                overrides[pair.Key] = pair.Value;
            }

            foreach (var registry in source.TrustedRegistries ?? [])
            {
                if (!registries.Contains(registry))
                {
                    registries.Add(registry);
                }
            }

            foreach (var pair in source.LabelSchema ?? new Dictionary<string, string>())
            {
                labels[pair.Key] = pair.Value;
            }

            result = result with
            {
                StrictLabels = source.StrictLabels ?? result.StrictLabels,
                FailureThreshold = source.FailureThreshold ?? result.FailureThreshold,
                DisableIgnorePragma = source.DisableIgnorePragma ?? result.DisableIgnorePragma,
                NoFail = source.NoFail ?? result.NoFail,
                NoColor = source.NoColor ?? result.NoColor,
                Format = source.Format ?? result.Format,
                ShellCheck = source.ShellCheck ?? result.ShellCheck,
            };
        }

        return result with { Ignored = ignored, Overrides = overrides, TrustedRegistries = registries, LabelSchema = labels };
    }
}
