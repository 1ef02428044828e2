using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using PipelineGuard.Findings;
using PipelineGuard.Gate;

namespace PipelineGuard.Secrets;

/// <summary>The report forms of a secrets scan.</summary>
public enum SecretReportFormat
{
    /// <summary>Lines for a terminal: <c>path:line:column: level RULE name: kind (preview, sha256 ...)</c>.</summary>
    Tty,

    /// <summary>PipelineGuard's JSON.</summary>
    Json,

    /// <summary>SARIF 2.1.0 for code scanning.</summary>
    Sarif,

    /// <summary>A Markdown summary (CI job summaries, merge-request notes).</summary>
    Markdown,

    /// <summary>A standalone HTML page.</summary>
    Html,

    /// <summary>MSBuild's canonical diagnostics (<c>file(line,col): error PG4001: ...</c>), which build logs and IDEs link.</summary>
    MSBuild,
}

/// <summary>
/// Writes a <see cref="SecretScanResult"/> in every form. A finding holds no secret (only its rule, place, redacted
/// preview and fingerprint), so no form can print one; the tests grep every form for the planted secrets all the same.
/// </summary>
public static class SecretReportWriter
{
    /// <summary>The form names, in the order the command line lists them (tty first: the default).</summary>
    public static IReadOnlyList<string> Names { get; } = ["tty", "json", "sarif", "markdown", "html", "msbuild"];

    /// <summary>The form named <paramref name="name"/> (case-insensitive).</summary>
    public static bool TryParse(string? name, out SecretReportFormat format)
    {
        var index = name is null ? -1 : Names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        format = index < 0 ? SecretReportFormat.Tty : (SecretReportFormat)index;
        return index >= 0;
    }

    /// <summary>The report of <paramref name="result"/> in <paramref name="format"/>; SARIF locations are relative to <paramref name="root"/> when given.</summary>
    public static string Write(SecretScanResult result, SecretReportFormat format, SourceRoot? root = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return format switch
        {
            SecretReportFormat.Json => Json(result),
            SecretReportFormat.Sarif => Sarif(result, root),
            SecretReportFormat.Markdown => Markdown(result),
            SecretReportFormat.Html => Html(result),
            SecretReportFormat.MSBuild => string.Concat(MSBuildLines(result).Select(line => line + "\n")),
            _ => Tty(result),
        };
    }

    /// <summary>
    /// One MSBuild error per finding and per incomplete note. A file in a folder is named by its full path with line and
    /// column; an entry of a package by the package's path, with the entry's place in the message.
    /// </summary>
    public static IEnumerable<SecretDiagnostic> MSBuildDiagnostics(SecretScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var f in result.Findings)
        {
            var rule = Rule(f.RuleId);
            var shown = $"{rule?.Name ?? f.RuleId}: {f.Kind} ({f.Preview}, sha256 {f.Fingerprint.AsSpan(0, 16)})" + (f.Evidence is { } e ? "; " + e : string.Empty);
            yield return result.Archive is { } archive
                ? new SecretDiagnostic(archive, 0, 0, f.RuleId, rule?.HelpUri.AbsoluteUri, string.Create(CultureInfo.InvariantCulture, $"{shown} in {f.Path}:{f.Line}:{f.Column}"))
                : new SecretDiagnostic(result.BaseFolder is { } folder ? Path.Combine(folder, f.Path) : result.Target, f.Line, f.Column, f.RuleId, rule?.HelpUri.AbsoluteUri, result.BaseFolder is null ? $"{shown} in {f.Path}" : shown);
        }

        foreach (var n in result.Notes.Where(n => n.Incomplete))
        {
            yield return new SecretDiagnostic(result.Archive ?? result.BaseFolder ?? result.Target, 0, 0, GateRules.StepFailed.Id, GateRules.StepFailed.HelpUri.AbsoluteUri, $"the secrets scan is incomplete at {n.Path}: {n.Message}");
        }
    }

    /// <summary>The canonical lines of <see cref="MSBuildDiagnostics"/> (<c>file(line,col): error PG4040: message</c>), as the out-of-process build prints them.</summary>
    public static IEnumerable<string> MSBuildLines(SecretScanResult result) => MSBuildDiagnostics(result).Select(d => d.ToString());

    private static RuleDescriptor? Rule(string id) => RuleRegistry.FindById(id);

    private static string Level(SecretFinding finding) => Rule(finding.RuleId)?.DefaultSeverity switch
    {
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "error",
    };

    private static string Place(SecretFinding f) => $"{f.Path}:{f.Line.ToString(CultureInfo.InvariantCulture)}:{f.Column.ToString(CultureInfo.InvariantCulture)}";

    private static string Verdict(SecretScanResult result) =>
        result.Findings.Count > 0 ? $"{result.Findings.Count} secret(s) found"
        : result.Incomplete ? "no secret found, but the scan is incomplete"
        : "no secret found";

    private static string Tty(SecretScanResult result)
    {
        var text = new StringBuilder();
        foreach (var f in result.Findings)
        {
            text.Append(Place(f)).Append(": ").Append(Level(f)).Append(' ').Append(f.RuleId).Append(' ').Append(Rule(f.RuleId)?.Name ?? f.RuleId)
                .Append(": ").Append(f.Kind).Append(" (").Append(f.Preview).Append(", sha256 ").Append(f.Fingerprint.AsSpan(0, 16)).Append(')');
            if (f.Evidence is { } evidence)
            {
                text.Append("; ").Append(evidence);
            }

            text.Append('\n');
        }

        foreach (var note in result.Notes)
        {
            text.Append(note.Path).Append(": note: ").Append(note.Message).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"{result.Target}: {Verdict(result)}; {result.FilesScanned} file(s), {result.BytesScanned} bytes scanned");
        if (result.Allowed.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {result.Allowed.Count} allowed");
        }

        return text.Append(".\n").ToString();
    }

    private static string Json(SecretScanResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("tool", PipelineGuardInfo.ProductName);
            json.WriteString("version", PipelineGuardInfo.Version);
            json.WriteString("target", result.Target);
            json.WriteBoolean("passed", result.Findings.Count == 0 && !result.Incomplete);
            json.WriteBoolean("incomplete", result.Incomplete);
            json.WriteNumber("filesScanned", result.FilesScanned);
            json.WriteNumber("bytesScanned", result.BytesScanned);
            json.WriteStartArray("findings");
            foreach (var f in result.Findings)
            {
                WriteFinding(json, f, null);
            }

            json.WriteEndArray();
            json.WriteStartArray("allowed");
            foreach (var a in result.Allowed)
            {
                WriteFinding(json, a.Finding, a.Reason);
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var n in result.Notes)
            {
                json.WriteStartObject();
                json.WriteString("path", n.Path);
                json.WriteString("message", n.Message);
                json.WriteBoolean("incomplete", n.Incomplete);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteFinding(Utf8JsonWriter json, SecretFinding f, string? reason)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.RuleId);
        json.WriteString("rule", Rule(f.RuleId)?.Name ?? f.RuleId);
        json.WriteString("level", Level(f));
        json.WriteString("kind", f.Kind);
        json.WriteString("path", f.Path);
        json.WriteNumber("line", f.Line);
        json.WriteNumber("column", f.Column);
        json.WriteString("preview", f.Preview);
        json.WriteString("fingerprint", "sha256:" + f.Fingerprint);
        if (f.Evidence is { } evidence)
        {
            json.WriteString("evidence", evidence);
        }

        if (reason is not null)
        {
            json.WriteString("reason", reason);
        }

        json.WriteEndObject();
    }

    private static string Sarif(SecretScanResult result, SourceRoot? root)
    {
        var all = result.Findings.Select(f => (Finding: f, Reason: (string?)null)).Concat(result.Allowed.Select(a => (a.Finding, (string?)a.Reason))).ToList();
        var ruleIds = all.Select(f => f.Finding.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SarifWriter.SchemaUri);
            json.WriteString("version", SarifWriter.Version);
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", PipelineGuardInfo.ProductName);
            json.WriteString("version", PipelineGuardInfo.Version);
            json.WriteString("informationUri", "https://github.com/pipelineguard/pipelineguard");
            json.WriteStartArray("rules");
            foreach (var id in ruleIds)
            {
                SarifConventions.WriteRule(json, id, s => s == Severity.Warning ? "warning" : s == Severity.Note ? "note" : "error");
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            var inFolder = root is not null && result.BaseFolder is not null;
            if (inFolder)
            {
                SarifConventions.WriteOriginalUriBaseIds(json, root!);
            }

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", !result.Incomplete);
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var note in result.Notes)
            {
                json.WriteStartObject();
                json.WriteString("level", note.Incomplete ? "error" : "note");
                json.WriteStartObject("message");
                json.WriteString("text", $"{note.Path}: {note.Message}");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("results");
            var occurrences = new SarifConventions.OccurrenceCounter();
            foreach (var (f, reason) in all)
            {
                var path = inFolder ? root!.Relative(f.Path, result.BaseFolder!) : f.Path;
                json.WriteStartObject();
                json.WriteString("ruleId", f.RuleId);
                json.WriteNumber("ruleIndex", ruleIds.IndexOf(f.RuleId));
                json.WriteString("level", Level(f));
                json.WriteStartObject("message");
                json.WriteString("text", $"{f.Kind} ({f.Preview}, sha256 {f.Fingerprint}){(f.Evidence is null ? string.Empty : "; " + f.Evidence)}");
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                SarifConventions.WriteArtifactLocation(json, path, inFolder && !Path.IsPathFullyQualified(path));
                json.WriteStartObject("region");
                json.WriteNumber("startLine", f.Line);
                json.WriteNumber("startColumn", f.Column);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                SarifConventions.WriteFingerprint(json, f.RuleId, path, f.Fingerprint, occurrences.Next(f.RuleId, path, f.Fingerprint));
                if (reason is not null)
                {
                    json.WriteStartArray("suppressions");
                    json.WriteStartObject();
                    json.WriteString("kind", reason.StartsWith("inline", StringComparison.Ordinal) ? "inSource" : "external");
                    json.WriteString("justification", reason);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Markdown(SecretScanResult result)
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
        var md = new StringBuilder();
        md.Append("## PipelineGuard secrets: ").Append(result.Findings.Count > 0 || result.Incomplete ? "✗ " : "✓ ").Append(Verdict(result)).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{Cell(result.Target)}: {result.FilesScanned} file(s), {result.BytesScanned} bytes scanned.\n\n");
        if (result.Findings.Count > 0)
        {
            md.Append("| rule | where | what | preview | fingerprint |\n|---|---|---|---|---|\n");
            foreach (var f in result.Findings)
            {
                md.Append("| ").Append(f.RuleId).Append(' ').Append(Rule(f.RuleId)?.Name).Append(" | `").Append(Cell(Place(f))).Append("` | ").Append(Cell(f.Kind))
                    .Append(f.Evidence is null ? string.Empty : "; " + Cell(f.Evidence)).Append(" | `").Append(Cell(f.Preview)).Append("` | `").Append(f.Fingerprint.AsSpan(0, 16)).Append("` |\n");
            }

            md.Append('\n');
        }

        if (result.Allowed.Count > 0)
        {
            md.Append("Allowed:\n\n");
            foreach (var a in result.Allowed)
            {
                md.Append("- ").Append(a.Finding.RuleId).Append(" `").Append(Cell(Place(a.Finding))).Append("`: ").Append(Cell(a.Reason)).Append('\n');
            }

            md.Append('\n');
        }

        foreach (var note in result.Notes)
        {
            md.Append("- note: `").Append(Cell(note.Path)).Append("`: ").Append(Cell(note.Message)).Append('\n');
        }

        return md.ToString();
    }

    private static string Html(SecretScanResult result)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PipelineGuard secrets</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}.fail{color:#b00}.pass{color:#070}code{font-size:.9em}</style></head><body>\n");
        var failed = result.Findings.Count > 0 || result.Incomplete;
        html.Append("<h1 class=\"").Append(failed ? "fail" : "pass").Append("\">").Append(E(Verdict(result))).Append("</h1>\n");
        html.Append("<p>").Append(E(result.Target)).Append(CultureInfo.InvariantCulture, $": {result.FilesScanned} file(s), {result.BytesScanned} bytes scanned.</p>\n");
        if (result.Findings.Count > 0)
        {
            html.Append("<table><tr><th>rule</th><th>where</th><th>what</th><th>preview</th><th>fingerprint (SHA-256)</th></tr>\n");
            foreach (var f in result.Findings)
            {
                var rule = Rule(f.RuleId);
                html.Append("<tr><td><a href=\"").Append(E(rule?.HelpUri.ToString() ?? string.Empty)).Append("\">").Append(E(f.RuleId)).Append("</a> ").Append(E(rule?.Name ?? string.Empty))
                    .Append("</td><td><code>").Append(E(Place(f))).Append("</code></td><td>").Append(E(f.Kind)).Append(f.Evidence is null ? string.Empty : "<br>" + E(f.Evidence))
                    .Append("</td><td><code>").Append(E(f.Preview)).Append("</code></td><td><code>").Append(E(f.Fingerprint)).Append("</code></td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (result.Allowed.Count > 0)
        {
            html.Append("<h2>Allowed</h2><ul>\n");
            foreach (var a in result.Allowed)
            {
                html.Append("<li>").Append(E(a.Finding.RuleId)).Append(" <code>").Append(E(Place(a.Finding))).Append("</code>: ").Append(E(a.Reason)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (result.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2><ul>\n");
            foreach (var n in result.Notes)
            {
                html.Append("<li><code>").Append(E(n.Path)).Append("</code>: ").Append(E(n.Message)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }
}

/// <summary>One MSBuild diagnostic of a secrets scan (always an error: a secret must not ship).</summary>
/// <param name="File">The file, or the package, it is reported at.</param>
/// <param name="Line">1-based line, or 0 when the place is in the message.</param>
/// <param name="Column">1-based column, or 0.</param>
/// <param name="Code">The rule id.</param>
/// <param name="HelpLink">Where the rule is explained.</param>
/// <param name="Message">Rule name, kind, redacted preview and fingerprint; never the secret.</param>
public sealed record SecretDiagnostic(string File, int Line, int Column, string Code, string? HelpLink, string Message)
{
    /// <summary>The canonical form, <c>file(line,col): error CODE: message</c>.</summary>
    public override string ToString() => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column}): error {Code}: {Message}")
        : $"{File}: error {Code}: {Message}";
}
