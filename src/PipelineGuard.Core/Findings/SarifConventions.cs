using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PipelineGuard.Gate;

namespace PipelineGuard.Findings;

/// <summary>
/// What the lint and gate SARIF logs share, as GitHub code scanning reads them: locations relative to <c>%SRCROOT%</c>
/// (declared in <c>originalUriBaseIds</c>), a stable <c>partialFingerprints</c> entry, and rule descriptors from the
/// rule registry with <c>security-severity</c> for the security rules.
/// </summary>
public static class SarifConventions
{
    /// <summary>The base id locations are relative to.</summary>
    public const string RootBaseId = "%SRCROOT%";

    /// <summary>
    /// The fingerprint key. GitHub recomputes its own <c>primaryLocationLineHash</c> from the file, so this one is
    /// PipelineGuard's: rule, file and what was found, without the line number, so that an edit above a finding keeps its alert.
    /// </summary>
    public const string FingerprintKey = "pipelineguardFinding/v1";

    /// <summary>Writes <c>originalUriBaseIds</c> declaring <see cref="RootBaseId"/> as <paramref name="root"/>.</summary>
    public static void WriteOriginalUriBaseIds(Utf8JsonWriter json, SourceRoot root)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(root);
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(RootBaseId);
        json.WriteString("uri", root.Uri.AbsoluteUri);
        json.WriteStartObject("description");
        json.WriteString("text", "The repository root: the git top level, or the CI checkout folder.");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes an <c>artifactLocation</c> for <paramref name="path"/>: relative to <see cref="RootBaseId"/> when there is a
    /// root and the path is inside it, otherwise the path as a URI (a full path becomes a <c>file:</c> URI).
    /// </summary>
    public static void WriteArtifactLocation(Utf8JsonWriter json, string path, bool relativeToRoot)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(path);
        json.WriteStartObject("artifactLocation");
        var normalized = path.Replace('\\', '/');
        if (Path.IsPathFullyQualified(path))
        {
            json.WriteString("uri", new Uri(path).AbsoluteUri);
        }
        else
        {
            json.WriteString("uri", EscapeRelative(normalized));
            if (relativeToRoot)
            {
                json.WriteString("uriBaseId", RootBaseId);
            }
        }

        json.WriteEndObject();
    }

    /// <summary>Writes <c>partialFingerprints</c> for a finding; <paramref name="occurrence"/> tells apart equal findings in one file.</summary>
    public static void WriteFingerprint(Utf8JsonWriter json, string ruleId, string path, string text, int occurrence)
    {
        ArgumentNullException.ThrowIfNull(json);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{path.Replace('\\', '/')}\n{text}"));
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, $"{Convert.ToHexString(hash, 0, 16).ToLowerInvariant()}:{occurrence}");
        json.WriteEndObject();
    }

    /// <summary>Counts occurrences of equal (rule, file, text) findings, 1-based, in report order.</summary>
    public sealed class OccurrenceCounter
    {
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        /// <summary>The occurrence number of this finding.</summary>
        public int Next(string ruleId, string path, string text)
        {
            var key = $"{ruleId}\n{path}\n{text}";
            var n = _seen.GetValueOrDefault(key) + 1;
            _seen[key] = n;
            return n;
        }
    }

    /// <summary>Writes a <c>reportingDescriptor</c> for <paramref name="id"/> from the rule registry.</summary>
    public static void WriteRule(Utf8JsonWriter json, string id, Func<Severity, string> level)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(level);
        json.WriteStartObject();
        json.WriteString("id", id);
        if (RuleRegistry.ForFinding(id) is { } rule)
        {
            if (rule.Name != rule.Id)
            {
                json.WriteString("name", rule.Name);
            }

            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri.ToString());
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", level(rule.DefaultSeverity));
            json.WriteEndObject();
            if (rule.SecuritySeverity is { } score)
            {
                // GitHub code scanning ranks an alert critical/high/medium/low from security-severity, for rules tagged "security".
                json.WriteStartObject("properties");
                json.WriteStartArray("tags");
                json.WriteStringValue("security");
                json.WriteEndArray();
                json.WriteString("security-severity", score);
                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
    }

    private static string EscapeRelative(string path) =>
        Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal);
}
