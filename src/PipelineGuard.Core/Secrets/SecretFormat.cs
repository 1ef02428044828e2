using System.Text.RegularExpressions;

namespace PipelineGuard.Secrets;

/// <summary>
/// A credential format recognisable by its value alone: the literal prefixes that must occur in a text before the
/// (more costly) pattern is tried, and the pattern.
/// </summary>
/// <param name="Kind">What the format is ("Slack webhook URL").</param>
/// <param name="Prefixes">Literal text every match contains; the engine's prefilter looks for these first.</param>
/// <param name="Pattern">The full pattern; group 1, when present, is the secret part of the match.</param>
public sealed record SecretFormat(string Kind, IReadOnlyList<string> Prefixes, Regex Pattern);
