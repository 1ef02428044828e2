using System.Collections.Frozen;

namespace PipelineGuard.Licenses;

/// <summary>
/// Named groups of licences a policy may deny as a whole (<c>deny: [copyleft-strong]</c>). Members are licences
/// without <c>-only</c>/<c>-or-later</c> (see <see cref="LicenseLeaf.Licence"/>), so a member covers both forms.
/// </summary>
/// <remarks>
/// The grouping follows the copyleft categories of the Blue Oak Council's copyleft list (blueoakcouncil.org/copyleft:
/// weak, strong, network) and the FSF's descriptions of the licences; the lists are this project's reading of each
/// licence's terms, not a legal opinion. A network-copyleft licence is also a strong one, so denying
/// <c>copyleft-strong</c> denies AGPL too; <c>copyleft</c> is all three.
/// </remarks>
internal static class LicenseFamilies
{
    /// <summary>Copyleft that reaches users over a network (AGPL and licences with a like clause).</summary>
    public static readonly IReadOnlyList<string> Network =
    [
        "AGPL-1.0", "AGPL-3.0", "OSL-1.0", "OSL-1.1", "OSL-2.0", "OSL-2.1", "OSL-3.0", "RPL-1.1", "RPL-1.5", "CPAL-1.0", "SSPL-1.0",
    ];

    /// <summary>Copyleft over the whole combined work.</summary>
    public static readonly IReadOnlyList<string> Strong =
    [
        .. Network,
        "GPL-1.0", "GPL-2.0", "GPL-3.0", "EUPL-1.0", "EUPL-1.1", "EUPL-1.2", "CECILL-1.0", "CECILL-1.1", "CECILL-2.0", "CECILL-2.1",
        "CC-BY-SA-1.0", "CC-BY-SA-2.0", "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "Sleepycat", "ODbL-1.0", "QPL-1.0", "copyleft-next-0.3.0", "copyleft-next-0.3.1",
    ];

    /// <summary>Copyleft over the licensed files or library only.</summary>
    public static readonly IReadOnlyList<string> Weak =
    [
        "LGPL-2.0", "LGPL-2.1", "LGPL-3.0", "MPL-1.0", "MPL-1.1", "MPL-2.0", "MPL-2.0-no-copyleft-exception", "EPL-1.0", "EPL-2.0",
        "CDDL-1.0", "CDDL-1.1", "CPL-1.0", "IPL-1.0", "SPL-1.0", "NPL-1.0", "NPL-1.1", "MS-RL", "APSL-2.0", "ErlPL-1.1", "CECILL-C",
    ];

    private static readonly FrozenDictionary<string, FrozenSet<string>> ByName = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
    {
        ["copyleft-network"] = Network.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
        ["copyleft-strong"] = Strong.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
        ["copyleft-weak"] = Weak.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
        ["copyleft"] = Strong.Concat(Weak).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The family names, as a policy writes them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["copyleft", "copyleft-network", "copyleft-strong", "copyleft-weak"];

    /// <summary>The members of the family <paramref name="name"/>, or null when no family has that name.</summary>
    public static FrozenSet<string>? Find(string name) => ByName.GetValueOrDefault(name);
}
