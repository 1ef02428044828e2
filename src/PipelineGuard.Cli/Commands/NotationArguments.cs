using System.CommandLine;
using PipelineGuard.Provenance;
using PipelineGuard.Signing.Notation;

namespace PipelineGuard.Cli.Commands;

/// <summary>
/// Notation's trust-policy flags, shared by <c>verify</c>, <c>check-base</c> and <c>pin</c>: a trust policy with its
/// trust store, or a built-in preset. They translate to a <see cref="NotationRequirement"/> and a loaded <see cref="NotationTrust"/>.
/// </summary>
internal sealed class NotationArguments
{
    public Option<string?> TrustPolicy { get; } = new("--trust-policy") { Description = "A Notation trust policy (trustpolicy.json or trustpolicy.oci.json): Notary Project signatures are verified with it. Needs --trust-store." };

    public Option<string?> TrustStore { get; } = new("--trust-store") { Description = "The Notation trust store folder, holding x509/{ca,signingAuthority,tsa}/NAME/ certificates." };

    public Option<string?> Preset { get; } = new("--trust-policy-preset") { Description = $"A built-in Notation trust policy and store instead of --trust-policy: {string.Join(", ", NotationPresets.Names)}." };

    public IEnumerable<Option> All => [TrustPolicy, TrustStore, Preset];

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether any of the flags was given.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(TrustPolicy) is not null || parse.GetValue(TrustStore) is not null || parse.GetValue(Preset) is not null;

    /// <summary>
    /// The requirement the flags give (paths made absolute), or null when none was given; or the usage error: a trust
    /// policy without a store, a store without a policy, a preset beside them, or any of them beside <c>--key</c>.
    /// </summary>
    public (NotationRequirement? Requirement, string? Error) Read(ParseResult parse, bool keysGiven)
    {
        if (!Given(parse))
        {
            return (null, null);
        }

        if (keysGiven)
        {
            return (null, "--key and a Notation trust policy (--trust-policy, --trust-store, --trust-policy-preset) exclude each other: verify with one of them.");
        }

        var policy = parse.GetValue(TrustPolicy);
        var store = parse.GetValue(TrustStore);
        var preset = parse.GetValue(Preset);
        if (preset is not null)
        {
            if (policy is not null || store is not null)
            {
                return (null, "--trust-policy-preset excludes --trust-policy and --trust-store: give a preset, or a trust policy with its trust store.");
            }

            return NotationPresets.Find(preset) is null
                ? (null, $"--trust-policy-preset: '{preset}' is not a preset; use one of {string.Join(", ", NotationPresets.Names)}.")
                : (new NotationRequirement { Preset = preset }, null);
        }

        if (policy is null)
        {
            return (null, "--trust-store needs --trust-policy (the trustpolicy.json that names its stores), or use --trust-policy-preset.");
        }

        if (store is null)
        {
            return (null, "--trust-policy needs --trust-store (the folder holding x509/{ca,signingAuthority,tsa}/NAME/).");
        }

        return (new NotationRequirement { TrustPolicy = Path.GetFullPath(policy), TrustStore = Path.GetFullPath(store) }, null);
    }

    /// <summary>Loads the trust the requirement names; the errors name the file, the field and the fix.</summary>
    public static (NotationTrust? Trust, string? Error) Load(NotationRequirement requirement)
    {
        var (trust, errors) = NotationTrust.Load(requirement.TrustPolicy, requirement.TrustStore, requirement.Preset, requirement.Name);
        return trust is null ? (null, string.Join(Environment.NewLine, errors.Select(e => $"pipelineguard: Notation trust policy: {e}"))) : (trust, null);
    }
}
