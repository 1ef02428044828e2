using PipelineGuard.Signing.Keyless;

namespace PipelineGuard.Provenance;

/// <summary>
/// The base-image section of the policy: what every <c>FROM</c> image must satisfy. An empty list or a null
/// requirement switches that rule off; <c>scratch</c> is always allowed.
/// </summary>
public sealed record BaseImageRules
{
    /// <summary>Registry host patterns (<c>registry.example.com</c>, <c>*.corp.example</c>, <c>127.0.0.1:*</c>, <c>oci</c> for local layouts).</summary>
    public IReadOnlyList<string> AllowedRegistries { get; init; } = [];

    /// <summary>Repository patterns, matched against <c>registry/repository</c> (<c>docker.io/library/*</c>, <c>ghcr.io/acme/**</c>).</summary>
    public IReadOnlyList<string> AllowedRepositories { get; init; } = [];

    /// <summary>Every image must be written with <c>@sha256:...</c>.</summary>
    public bool RequireDigest { get; init; }

    /// <summary>A signature by one of these keys is required, or null.</summary>
    public SignatureRequirement? Signature { get; init; }

    /// <summary>Attestations that must be present, each of its predicate type, signed and meeting its conditions.</summary>
    public IReadOnlyList<AttestationRequirement> Attestations { get; init; } = [];

    /// <summary>The oldest a base image may be, measured from its config's <c>created</c>, or null.</summary>
    public int? MaxAgeDays { get; init; }

    /// <summary>Image patterns that are never allowed, matched against <c>registry/repository:tag</c> and <c>registry/repository</c>.</summary>
    public IReadOnlyList<string> DeniedImages { get; init; } = [];

    /// <summary>Tags that are never allowed (<c>latest</c>, <c>*-rc*</c>).</summary>
    public IReadOnlyList<string> DeniedTags { get; init; } = [];

    /// <summary>Whether any rule here needs the registry (digest, signatures, attestations or config).</summary>
    public bool NeedsRegistry => Signature is not null || Attestations.Count > 0 || MaxAgeDays is not null;

    /// <summary>Whether any rule is on at all (as <see cref="BaseImageRuleCatalog"/> decides); a check under no rule would pass without checking anything.</summary>
    public bool HasRules => BaseImageRuleCatalog.AnyOn(this);

    /// <summary>
    /// These rules with <paramref name="notation"/> as the base-image signature's Notation form (in place of the policy
    /// file's), keeping its keys; a signature requirement is added when the policy had none.
    /// </summary>
    public BaseImageRules WithNotation(NotationRequirement notation) =>
        this with { Signature = (Signature ?? new SignatureRequirement([])) with { Notation = notation } };

    /// <summary>
    /// These rules with the signature a front end's flags or settings give added to the policy file's: keys and a keyless
    /// identity join its keys and identities; a Notation requirement takes the place of its <c>notation</c>. At most one of
    /// the three forms may be given (as cosign and Notation take one way of verifying); the error says so, and the front
    /// end names its own flags or properties before it.
    /// </summary>
    public (BaseImageRules? Rules, string? Error) WithSignatureSettings(IReadOnlyList<string> keys, KeylessIdentity? identity, NotationRequirement? notation)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var given = (keys.Count > 0 ? 1 : 0) + (identity is null ? 0 : 1) + (notation is null ? 0 : 1);
        if (given > 1)
        {
            return (null, "a key, a keyless identity and a Notation trust policy exclude each other: give one of them");
        }

        if (given == 0)
        {
            return (this, null);
        }

        var requirement = Signature ?? new SignatureRequirement([]);
        return (this with
        {
            Signature = requirement with
            {
                Keys = [.. requirement.Keys, .. keys],
                Identities = identity is null ? requirement.Identities : [.. requirement.Identities, identity],
                Notation = notation ?? requirement.Notation,
            },
        }, null);
    }

    /// <summary>Every Notation trust the rules name.</summary>
    public IEnumerable<NotationRequirement> NotationRequirements => Signature?.Notation is { } notation ? [notation] : [];

    /// <summary>Every key file the signature and attestation rules name, as written in the policy.</summary>
    public IEnumerable<string> KeyNames => (Signature?.Keys ?? []).Concat(Attestations.SelectMany(a => a.Keys));

    /// <summary>Every keyless identity the signature and attestation rules name.</summary>
    public IEnumerable<KeylessIdentity> IdentityList => (Signature?.Identities ?? []).Concat(Attestations.SelectMany(a => a.Identities));
}

/// <summary>
/// A signature requirement: at least one valid signature for the image's digest by one of <see cref="Keys"/>, keyless by
/// one of <see cref="Identities"/>, or a Notary Project signature that <see cref="Notation"/> accepts. It is met when any
/// configured form verifies.
/// </summary>
/// <param name="Keys">Public key files (PEM), as named in the policy (relative to it).</param>
public sealed record SignatureRequirement(IReadOnlyList<string> Keys)
{
    /// <summary>Keyless signers (Fulcio certificate identity, OIDC issuer, GitHub claims) that are trusted.</summary>
    public IReadOnlyList<KeylessIdentity> Identities { get; init; } = [];

    /// <summary>A Notation trust policy (or preset) whose verification also meets the requirement, or null.</summary>
    public NotationRequirement? Notation { get; init; }

    /// <summary>The names a verification must be recorded under to meet the requirement: the key files, the identity names and <c>notation:NAME</c>.</summary>
    public IReadOnlyList<string> AcceptedNames =>
        [.. Keys, .. Identities.Select(i => i.Name).Distinct(StringComparer.Ordinal), .. Notation is null ? [] : new[] { Notation.Label }];
}

/// <summary>
/// A Notary Project (Notation) signature requirement: a trust policy in Notation's own format with its trust store, or a
/// built-in preset (<c>microsoft-dotnet</c>).
/// </summary>
public sealed record NotationRequirement
{
    /// <summary>The <c>trustpolicy.json</c> / <c>trustpolicy.oci.json</c>, as named in the policy (relative to it), or null with a preset.</summary>
    public string? TrustPolicy { get; init; }

    /// <summary>The trust store folder (holding <c>x509/</c>), as named in the policy, or null with a preset.</summary>
    public string? TrustStore { get; init; }

    /// <summary>A built-in preset's name, or null.</summary>
    public string? Preset { get; init; }

    /// <summary>The name reports give it: the preset, or the trust policy file as written.</summary>
    public string Name => Preset ?? TrustPolicy ?? string.Empty;

    /// <summary>The evidence label of a verification by it: <c>notation:NAME</c>.</summary>
    public string Label => Signing.Notation.NotationTrust.LabelFor(Name);

    /// <summary>
    /// The requirement a front end's settings give (MSBuild properties, Cake settings): a preset, or a trust policy with
    /// its trust store, paths as given; null with no error when none is set; the error when they do not go together.
    /// </summary>
    public static (NotationRequirement? Requirement, string? Error) FromSettings(string? trustPolicy, string? trustStore, string? preset)
    {
        static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
        (trustPolicy, trustStore, preset) = (Set(trustPolicy), Set(trustStore), Set(preset));
        if (preset is not null)
        {
            if (trustPolicy is not null || trustStore is not null)
            {
                return (null, "a Notation preset excludes a trust policy and trust store: set one or the other");
            }

            return Signing.Notation.NotationPresets.Find(preset) is null
                ? (null, $"'{preset}' is not a Notation preset; use one of {string.Join(", ", Signing.Notation.NotationPresets.Names)}")
                : (new NotationRequirement { Preset = preset }, null);
        }

        if (trustPolicy is null && trustStore is null)
        {
            return (null, null);
        }

        return trustPolicy is null || trustStore is null
            ? (null, "a Notation trust policy needs its trust store, and a trust store needs its trust policy: set both")
            : (new NotationRequirement { TrustPolicy = trustPolicy, TrustStore = trustStore }, null);
    }
}

/// <summary>An attestation requirement: an in-toto statement of <see cref="PredicateType"/> about the image, signed by one of <see cref="Keys"/>, whose predicate meets the conditions.</summary>
public sealed record AttestationRequirement
{
    /// <summary>The predicate type (<c>https://slsa.dev/provenance/v1</c>, <c>https://cyclonedx.org/bom</c>).</summary>
    public required string PredicateType { get; init; }

    /// <summary>Public key files (PEM) trusted to sign this attestation.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    /// <summary>Keyless signers trusted to sign this attestation.</summary>
    public IReadOnlyList<KeylessIdentity> Identities { get; init; } = [];

    /// <summary>The names a verified attestation may carry to meet this requirement: the key files and the identity names.</summary>
    public IReadOnlyList<string> TrustedNames => [.. Keys, .. Identities.Select(i => i.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>SLSA builder ids that are trusted; empty means any.</summary>
    public IReadOnlyList<string> BuilderIds { get; init; } = [];

    /// <summary>Prefixes the provenance's source repository URI must start with; empty means any.</summary>
    public IReadOnlyList<string> SourceRepositoryPrefixes { get; init; } = [];
}

/// <summary>The rules for images the pipeline produces: signed by the release key, carrying an SBOM attestation.</summary>
public sealed record ProducedImageRules
{
    /// <summary>The images to check (registry references or <c>oci:DIR[:TAG]</c>).</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Release keys; a signature by one of them is required when not empty.</summary>
    public IReadOnlyList<string> SignatureKeys { get; init; } = [];

    /// <summary>Keyless release identities; a signature by one of them (or by a release key) is required when not empty.</summary>
    public IReadOnlyList<KeylessIdentity> SignatureIdentities { get; init; } = [];

    /// <summary>A Notation trust policy (or preset) whose verification also meets the signature requirement, or null.</summary>
    public NotationRequirement? SignatureNotation { get; init; }

    /// <summary>Keys for the SBOM attestation; an SBOM attestation is required when not empty.</summary>
    public IReadOnlyList<string> SbomAttestationKeys { get; init; } = [];

    /// <summary>Keyless identities for the SBOM attestation; an SBOM attestation is required when not empty.</summary>
    public IReadOnlyList<KeylessIdentity> SbomAttestationIdentities { get; init; } = [];

    /// <summary>Whether a signature is required (by a key, an identity or a Notation trust policy).</summary>
    public bool RequiresSignature => SignatureKeys.Count > 0 || SignatureIdentities.Count > 0 || SignatureNotation is not null;

    /// <summary>Whether an SBOM attestation is required (by a key or an identity).</summary>
    public bool RequiresSbomAttestation => SbomAttestationKeys.Count > 0 || SbomAttestationIdentities.Count > 0;

    /// <summary>The names a verified signature may carry: the release key files, the identity names and <c>notation:NAME</c>.</summary>
    public IReadOnlyList<string> SignatureAcceptedNames =>
        [.. SignatureKeys, .. SignatureIdentities.Select(i => i.Name).Distinct(StringComparer.Ordinal), .. SignatureNotation is null ? [] : new[] { SignatureNotation.Label }];

    /// <summary>Predicate types accepted as an SBOM attestation.</summary>
    public IReadOnlyList<string> SbomPredicateTypes { get; init; } = [PredicateTypeNames.CycloneDx, PredicateTypeNames.Spdx];
}
