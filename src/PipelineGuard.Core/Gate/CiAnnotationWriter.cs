using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PipelineGuard.Findings;

namespace PipelineGuard.Gate;

/// <summary>
/// Writes findings as CI annotations: GitHub workflow commands (<c>::error file=...,line=...::</c>),
/// Azure Pipelines logging commands (<c>##vso[task.logissue ...]</c>), or plain compiler-style lines
/// (GitLab and elsewhere). For GitLab, <see cref="WriteGitLabCodeQuality"/> gives the Code Quality report that merge requests show.
/// </summary>
public static class CiAnnotationWriter
{
    /// <summary>One line per finding that no exception covers, in the syntax of <paramref name="system"/>.</summary>
    public static string Write(GateResult result, CiSystem system, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        foreach (var finding in result.Findings.Where(f => f.ExemptedBy is null && f.Severity != Severity.Off))
        {
            var message = finding.Subject is null ? finding.Message : $"{finding.Subject}: {finding.Message}";
            if (system == CiSystem.MSBuild && !finding.Blocking && finding.Source == FindingSource.Lint)
            {
                // The lint target reports Dockerfile findings already; the gate repeats only those that block it.
                continue;
            }

            text.AppendLine(system switch
            {
                CiSystem.GitHubActions => GitHub(finding, message, result),
                CiSystem.AzurePipelines => Azure(finding, message, result),
                CiSystem.MSBuild => MSBuild(finding, message, root, result.PolicyFile),
                _ => Plain(finding, message, result),
            });
        }

        return text.ToString();
    }

    /// <summary>A GitLab Code Quality report (the Code Climate issue subset GitLab reads).</summary>
    public static string WriteGitLabCodeQuality(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var finding in result.Findings.Where(f => f.ExemptedBy is null && f.Severity != Severity.Off))
            {
                var path = result.FromRoot(finding.Location?.File ?? result.PolicyFile ?? "Dockerfile");
                var line = finding.Location?.Line ?? 1;
                json.WriteStartObject();
                json.WriteString("description", finding.Subject is null ? finding.Message : $"{finding.Subject}: {finding.Message}");
                json.WriteString("check_name", finding.RuleId);
                json.WriteString("fingerprint", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.RuleId}\n{path}\n{line}\n{finding.Subject}\n{finding.Message}")))[..32].ToLowerInvariant());
                json.WriteString("severity", finding.Severity switch
                {
                    Severity.Error => "major",
                    Severity.Warning => "minor",
                    _ => "info",
                });
                json.WriteStartObject("location");
                json.WriteString("path", path);
                json.WriteStartObject("lines");
                json.WriteNumber("begin", line);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string GitHub(GateFinding finding, string message, GateResult result)
    {
        var command = finding.Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "notice",
        };
        var properties = new List<string>();
        if (finding.Location is { } l)
        {
            properties.Add($"file={GitHubProperty(result.FromRoot(l.File))}");
            properties.Add($"line={l.Line}");
            properties.Add($"col={l.Column}");
            if (l.EndColumn > l.Column)
            {
                properties.Add($"endColumn={l.EndColumn}");
            }
        }

        properties.Add($"title={GitHubProperty(Title(finding))}");
        return $"::{command} {string.Join(',', properties)}::{GitHubData(message)}";
    }

    private static string Azure(GateFinding finding, string message, GateResult result)
    {
        var properties = new List<string> { $"type={(finding.Severity == Severity.Error ? "error" : "warning")}" };
        if (finding.Location is { } l)
        {
            properties.Add($"sourcepath={AzureEscape(result.FromRoot(l.File))}");
            properties.Add($"linenumber={l.Line}");
            properties.Add($"columnnumber={l.Column}");
        }

        properties.Add($"code={AzureEscape(finding.RuleId)}");
        return $"##vso[task.logissue {string.Join(';', properties)};]{AzureEscape(message)}";
    }

    /// <summary>As the in-process MSBuild task logs it: blocking findings are errors, warnings warnings, the rest plain text.</summary>
    private static string MSBuild(GateFinding finding, string message, string? root, string? policyFile)
    {
        var file = finding.Location is { } l ? (root is null ? l.File : Path.GetFullPath(Path.Combine(root, l.File))) : policyFile ?? "pipelineguard.yaml";
        var where = finding.Location is { } at ? $"{file}({at.Line},{at.Column})" : file;
        var flat = message.Replace('\n', ' ');
        return finding.Blocking ? $"{where}: error {finding.RuleId}: {flat}"
            : finding.Severity == Severity.Warning ? $"{where}: warning {finding.RuleId}: {flat}"
            : $"{finding.RuleId} ({where}): {flat}";
    }

    private static string Plain(GateFinding finding, string message, GateResult result)
    {
        var where = finding.Location is { } l ? $"{result.FromRoot(l.File)}:{l.Line}:{l.Column}: " : string.Empty;
        return $"{where}{finding.Severity.ToString().ToLowerInvariant()} {finding.RuleId}: {message.Replace('\n', ' ')}";
    }

    private static string Title(GateFinding finding) => RuleRegistry.ForFinding(finding.RuleId) is { } rule && rule.Name != rule.Id ? $"{rule.Id} {rule.Name}" : finding.RuleId;

    private static string GitHubData(string text) => text
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    private static string GitHubProperty(string text) => GitHubData(text)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);

    private static string AzureEscape(string text) => text
        .Replace("%", "%AZP25", StringComparison.Ordinal)
        .Replace(";", "%3B", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal)
        .Replace("]", "%5D", StringComparison.Ordinal);
}
