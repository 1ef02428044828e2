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

    /// <summary>cosign's keyless identity flags: a base image's signature (and <c>--attestation-type</c>) by that identity is required.</summary>
    public CertificateIdentityArguments Identity { get; } = new();

    public IEnumerable<Option> RuleOptions => [Policy, AllowedRegistry, RequireDigest, Key, AttestationType, BuilderId, SourcePrefix, MaxAgeDays, AllowHttpRegistry, .. Notation.All, .. Identity.All];

    /// <summary>The flags that say how base images' signatures are verified: <c>--key</c>, the identity flags and the Notation flags.</summary>
    public IEnumerable<Option> SignatureOptions => [Key, .. Identity.All, .. Notation.All];

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

        var (identity, identityError) = KeylessIdentity.FromSettings(this.Identity.Read(parse));
        if (identityError is not null)
        {
            return (null, "pipelineguard: " + identityError + ".");
        }

        if (identity is not null)
        {
            // The trusted root is the caller's file: absolute, so the policy's folder does not re-root it.
            identity = identity with { TrustedRoot = identity.TrustedRoot is null ? null : Path.GetFullPath(identity.TrustedRoot) };
        }

        if (types.Count > 0 && keys.Length == 0 && identity is null)
        {
            return (null, "pipelineguard: --attestation-type needs --key or a certificate identity: the attestation must be signed by a trusted key or keyless signer.");
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

        // --key, an identity and a trust policy add to the policy's signature requirement (a trust policy replaces its notation).
        var (signed, signatureError) = rules.WithSignatureSettings(keyNames, identity, notation);
        if (signed is null)
        {
            return (null, "pipelineguard: --key, a certificate identity (--certificate-identity*, --certificate-oidc-issuer*) and a Notation trust policy (--trust-policy, --trust-policy-preset): " + signatureError + ".");
        }

        rules = signed with
        {
            AllowedRegistries = [.. rules.AllowedRegistries, .. parse.GetValue(AllowedRegistry) ?? []],
            RequireDigest = rules.RequireDigest || parse.GetValue(RequireDigest),
            Attestations = [.. rules.Attestations, .. types.Select(t => new AttestationRequirement { PredicateType = t, Keys = keyNames, Identities = identity is null ? [] : [identity], BuilderIds = builders, SourceRepositoryPrefixes = prefixes })],
            MaxAgeDays = parse.GetValue(MaxAgeDays) ?? rules.MaxAgeDays,
        };
        return (policy with { BaseImages = rules }, null);
    }

    /// <summary>How images are reached: plain HTTP to every registry with <c>--allow-http-registry</c>; the policy adds its own hosts and layouts.</summary>
    public ImageEvidenceOptions Evidence(ParseResult parse) => new ImageEvidenceOptions().WithAllowHttpRegistry(parse.GetValue(AllowHttpRegistry));
}
