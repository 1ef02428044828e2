namespace PipelineGuard.Signing.Notation;

/// <summary>
/// A trust policy with the trust store its names refer to, as a front end or a policy file configures it: a
/// <c>trustpolicy.json</c> (or <c>trustpolicy.oci.json</c>) with a trust store folder, or a built-in preset.
/// </summary>
/// <param name="Name">How it was named: the trust policy file as written, or the preset's name.</param>
/// <param name="Policy">The trust policy.</param>
/// <param name="Store">The trust store.</param>
public sealed record NotationTrust(string Name, TrustPolicyDocument Policy, NotationTrustStore Store)
{
    /// <summary>The name evidence gives a verification by this trust policy: <c>notation:NAME</c>.</summary>
    public string Label => LabelFor(Name);

    /// <summary>The evidence label of the trust policy named <paramref name="name"/>.</summary>
    public static string LabelFor(string name) => "notation:" + name;

    /// <summary>
    /// Loads a trust policy and store, or a preset: exactly one of (<paramref name="trustPolicy"/> with
    /// <paramref name="trustStore"/>) and <paramref name="preset"/>. Returns the trust, or every error with its file,
    /// field and fix (an unparsable policy, a store the policy names that does not exist, an unknown preset).
    /// </summary>
    /// <param name="trustPolicy">The trust policy file, resolved by the caller.</param>
    /// <param name="trustStore">The trust store folder (holding <c>x509/</c>, or the <c>x509</c> folder itself), resolved by the caller.</param>
    /// <param name="preset">A preset's name (<see cref="NotationPresets.Names"/>).</param>
    /// <param name="name">The name the evidence uses; defaults to the preset's name or the policy path.</param>
    public static (NotationTrust? Trust, IReadOnlyList<TrustPolicyError> Errors) Load(string? trustPolicy, string? trustStore, string? preset, string? name = null)
    {
        if (preset is not null)
        {
            if (trustPolicy is not null || trustStore is not null)
            {
                return (null, [new TrustPolicyError($"preset {preset}", "(configuration)", "a preset and a trust policy or trust store were both given", "give either a preset, or a trust policy with its trust store")]);
            }

            var found = NotationPresets.Find(preset);
            return found is null
                ? (null, [new TrustPolicyError($"preset {preset}", "(preset)", $"'{preset}' is not a Notation preset", $"use one of {string.Join(", ", NotationPresets.Names)}")])
                : (new NotationTrust(name ?? preset, found.Policy, found.Store), []);
        }

        if (trustPolicy is null)
        {
            return (null, [new TrustPolicyError(trustStore ?? "(none)", "(configuration)", "a trust store was given without a trust policy", "give the trustpolicy.json that names the trust store's stores, or a preset")]);
        }

        if (trustStore is null)
        {
            return (null, [new TrustPolicyError(trustPolicy, "(configuration)", "a trust policy was given without a trust store", "give the trust store folder that holds x509/{ca,signingAuthority,tsa}/NAME/")]);
        }

        var (policy, errors) = TrustPolicyReader.ReadFile(trustPolicy);
        if (policy is null)
        {
            return (null, errors);
        }

        if (!Directory.Exists(trustStore))
        {
            return (null, [new TrustPolicyError(trustStore, "(trust store)", "the trust store folder does not exist", "give the folder that holds x509/{ca,signingAuthority,tsa}/NAME/")]);
        }

        var store = NotationTrustStore.FromDirectory(trustStore);
        var storeErrors = store.Validate(policy);
        return storeErrors.Count > 0 ? (null, storeErrors) : (new NotationTrust(name ?? trustPolicy, policy, store), []);
    }
}
