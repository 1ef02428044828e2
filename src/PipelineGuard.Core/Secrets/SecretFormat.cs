using System.Text.RegularExpressions;

namespace PipelineGuard.Secrets;

/// <summary>
/// A credential format recognisable by its value alone: the rule it reports under, the literal prefixes that must occur
/// in a text before the (more costly) pattern is tried, and the pattern, anchored with <c>\G</c> where the match starts.
/// </summary>
/// <param name="RuleId">The PG4xxx rule a match is reported under (<see cref="SecretRuleCatalog"/>).</param>
/// <param name="Kind">What the format is, for people ("Slack webhook URL").</param>
/// <param name="Prefixes">Literal text every match contains; the engine's prefilter looks for these first.</param>
/// <param name="Pattern">The full pattern, starting with <c>\G</c>; the group named <c>s</c> (or group 1), when present, is the secret part of the match.</param>
public sealed record SecretFormat(string RuleId, string Kind, IReadOnlyList<string> Prefixes, Regex Pattern)
{
    /// <summary>How many characters before a prefix the match starts (a fixed lead such as the 4 characters before an Azure AD secret's <c>Q~</c>).</summary>
    public int Lead { get; init; }

    /// <summary>Characters a match may start with before its prefix, walked back over (a URL scheme before <c>://</c>); null when the match starts at the prefix or at <see cref="Lead"/>.</summary>
    public Func<char, bool>? StartsWith { get; init; }

    /// <summary>Text that must also occur somewhere in the searched text (<c>service_account</c> for a service-account key), or null.</summary>
    public string? AlsoInText { get; init; }

    /// <summary>A check of the secret beyond its shape (a checksum), or null.</summary>
    public Func<string, bool>? Validate { get; init; }
}
