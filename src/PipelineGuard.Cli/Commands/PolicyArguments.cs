using System.CommandLine;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;

namespace PipelineGuard.Cli.Commands;

/// <summary>The policy options shared by <c>check-base</c>, <c>pin</c> and <c>gate</c>: a policy file and the rules as flags.</summary>
internal sealed class PolicyArguments
{
    public Option<string?> Policy { get; } = new("--policy") { Description = "The policy file (pipelineguard.yaml)." };

    public Option<string[]> AllowedRegistry { get; } = new("--allowed-registry") { Description = "A registry base images may come from (wildcards allowed); repeatable.", AllowMultipleArgumentsPerToken = false };

    public Option<bool> RequireDigest { get; } = new("--require-digest") { Description = "Every base image must be pinned by digest." };

    public Option<string[]> Key { get; } = new("--key") { Description = "A trusted public key (PEM); a signature by one of them is required. Repeatable." };

    public Option<string[]> AttestationType { get; } = new("--attestation-type") { Description = "A predicate type that must be attested, signed by a --key: a URI or cosign's short name (slsaprovenance1, slsaprovenance, cyclonedx, spdxjson, vuln, openvex, custom). Repeatable." };

    public Option<string[]> BuilderId { get; } = new("--builder-id") { Description = "A trusted SLSA builder id for --attestation-type; repeatable." };

    public Option<string[]> SourcePrefix { get; } = new("--source-repository-prefix") { Description = "A prefix the provenance's source repository must start with; repeatable." };

    public Option<int?> MaxAgeDays { get; } = new("--max-age-days") { Description = "The oldest a base image may be, from its config's created time." };

    public Option<bool> AllowHttpRegistry { get; } = new("--allow-http-registry") { Description = "Allow plain-HTTP registries (as cosign's flag)." };

    public NotationArguments Notation { get; } = new();

    public IEnumerable<Option> RuleOptions => [Policy, AllowedRegistry, RequireDigest, Key, AttestationType, BuilderId, SourcePrefix, MaxAgeDays, AllowHttpRegistry, .. Notation.All];

    /// <summary>
    /// The policy from the file (or <paramref name="defaultFile"/> when it exists), extended by the flags; or the error text.
    /// The policy's warnings (a retired rule id) go to <paramref name="warnings"/>.
    /// </summary>
    public (GatePolicy? Policy, string? Error) Build(ParseResult parse, string? defaultFile = null, bool requireFile = false, TextWriter? warnings = null)
    {
        var file = parse.GetValue(Policy);
        if (file is null && defaultFile is not null && (requireFile || File.Exists(defaultFile)))
        {
            file = defaultFile;
        }

        var policy = new GatePolicy { BaseDirectory = Environment.CurrentDirectory };
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                return (null, $"pipelineguard: policy file {file} not found; pass --policy FILE or write {PolicyLoader.DefaultFileName} (see docs/policy.md).");
            }

            var loaded = PolicyLoader.Load(file);
            foreach (var warning in loaded.Warnings)
            {
                warnings?.WriteLine($"pipelineguard: warning: {warning}");
            }

            if (!loaded.Success)
            {
                return (null, string.Join(Environment.NewLine, loaded.Diagnostics));
            }

            policy = loaded.Policy!;
        }

        var rules = policy.BaseImages;
        var keys = parse.GetValue(Key) ?? [];
        var keyNames = keys.Select(Path.GetFullPath).ToList();
        var types = new List<string>();
        foreach (var written in parse.GetValue(AttestationType) ?? [])
        {
            // cosign's short names (slsaprovenance1, cyclonedx, spdxjson...) as attest and verify-attestation take them.
            var resolved = Signing.PredicateTypes.Resolve(written);
            if (!resolved.Succeeded)
            {
                return (null, $"pipelineguard: --attestation-type: {resolved.Error}.");
            }

            types.Add(resolved.Value);
        }

        if (types.Count > 0 && keys.Length == 0)
        {
            return (null, "pipelineguard: --attestation-type needs --key: the attestation must be signed by a trusted key.");
        }

        var (notation, notationError) = Notation.Read(parse, keys.Length > 0);
        if (notationError is not null)
        {
            return (null, "pipelineguard: " + notationError);
        }

        var builders = parse.GetValue(BuilderId) ?? [];
        var prefixes = parse.GetValue(SourcePrefix) ?? [];
        if ((builders.Length > 0 || prefixes.Length > 0) && types.Count == 0)
        {
            return (null, "pipelineguard: --builder-id and --source-repository-prefix need --attestation-type.");
        }

        if (parse.GetValue(MaxAgeDays) is <= 0)
        {
            return (null, "pipelineguard: --max-age-days must be a positive number.");
        }

        rules = rules with
        {
            AllowedRegistries = [.. rules.AllowedRegistries, .. parse.GetValue(AllowedRegistry) ?? []],
            RequireDigest = rules.RequireDigest || parse.GetValue(RequireDigest),
            // --key and a trust policy add to the policy's signature requirement; its keyless identities stay.
            Signature = Signature(rules.Signature, keyNames, notation),
            Attestations = [.. rules.Attestations, .. types.Select(t => new AttestationRequirement { PredicateType = t, Keys = keyNames, BuilderIds = builders, SourceRepositoryPrefixes = prefixes })],
            MaxAgeDays = parse.GetValue(MaxAgeDays) ?? rules.MaxAgeDays,
        };
        return (policy with { BaseImages = rules }, null);
    }

    /// <summary>
    /// The policy's signature requirement extended by the flags: <c>--key</c> adds keys; a Notation trust policy given
    /// as flags takes the place of the policy file's <c>notation</c>.
    /// </summary>
    private static SignatureRequirement? Signature(SignatureRequirement? written, List<string> keys, NotationRequirement? notation)
    {
        if (keys.Count == 0 && notation is null)
        {
            return written;
        }

        var requirement = written ?? new SignatureRequirement([]);
        return requirement with { Keys = [.. requirement.Keys, .. keys], Notation = notation ?? requirement.Notation };
    }

    /// <summary>How images are reached: plain HTTP to every registry with <c>--allow-http-registry</c>; the policy adds its own hosts and layouts.</summary>
    public ImageEvidenceOptions Evidence(ParseResult parse) => new ImageEvidenceOptions().WithAllowHttpRegistry(parse.GetValue(AllowHttpRegistry));
}
