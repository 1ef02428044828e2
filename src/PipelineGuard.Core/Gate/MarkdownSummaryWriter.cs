using System.Text;
using PipelineGuard.Findings;
using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>
/// Writes a <see cref="GateResult"/> as GitHub-flavoured Markdown for a job summary (<c>$GITHUB_STEP_SUMMARY</c>).
/// The text depends only on the result (no clock, no absolute paths), so it is stable run to run.
/// </summary>
public static class MarkdownSummaryWriter
{
    /// <summary>The summary as Markdown.</summary>
    public static string Write(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.Append("## PipelineGuard gate: ").AppendLine(result.Passed ? "✅ passed" : "❌ failed").AppendLine();
        md.AppendLine("| errors | warnings | notes | exempted |");
        md.AppendLine("|---:|---:|---:|---:|");
        md.Append("| ").Append(result.Count(Severity.Error))
            .Append(" | ").Append(result.Count(Severity.Warning))
            .Append(" | ").Append(result.Count(Severity.Note))
            .Append(" | ").Append(result.Findings.Count(f => f.ExemptedBy is not null)).AppendLine(" |").AppendLine();
        md.Append("Policy: ").Append(result.PolicyFile is null ? "rules from the command line" : Code(result.FromRoot(result.PolicyFile)));
        if (result.Dockerfiles.Count > 0)
        {
            md.Append(" · Dockerfiles: ").Append(string.Join(", ", result.Dockerfiles.Select(d => Code(result.FromRoot(d)))));
        }

        md.Append(" · PipelineGuard ").AppendLine(result.ToolVersion).AppendLine();

        if (result.Findings.Count > 0)
        {
            md.AppendLine("### Findings").AppendLine();
            md.AppendLine("| severity | rule | where | message |");
            md.AppendLine("|---|---|---|---|");
            foreach (var finding in result.Findings)
            {
                var where = finding.Location is { } l ? Code($"{result.FromRoot(l.File)}:{l.Line}") : finding.Subject is { } s ? Code(s) : string.Empty;
                var message = finding.Subject is not null && finding.Location is not null ? $"{Code(finding.Subject)} {Cell(finding.Message)}" : Cell(finding.Message);
                if (finding.ExemptedBy is { } e)
                {
                    message += string.Create(System.Globalization.CultureInfo.InvariantCulture, $" _(exception until {e.Expires:yyyy-MM-dd}: {Cell(e.Reason)})_");
                }

                md.Append("| ").Append(SeverityCell(finding)).Append(" | ").Append(RuleCell(finding.RuleId))
                    .Append(" | ").Append(where).Append(" | ").Append(message).AppendLine(" |");
            }

            md.AppendLine();
        }

        if (result.BaseImages.Count > 0)
        {
            md.AppendLine("### Base images").AppendLine();
            md.AppendLine("| image | where | digest | verdict |");
            md.AppendLine("|---|---|---|---|");
            foreach (var image in result.BaseImages)
            {
                var facts = image.Assessment.Facts;
                var digest = facts.WrittenDigest ?? facts.ResolvedDigest;
                md.Append("| ").Append(Code(facts.Written))
                    .Append(" | ").Append(Code(facts.Location is { } l ? $"{result.FromRoot(image.Dockerfile)}:{l.Line}" : result.FromRoot(image.Dockerfile)))
                    .Append(" | ").Append(facts.IsScratch ? "—" : digest is null ? Cell(facts.ResolutionError ?? "not resolved") : Code(ShortDigest(digest)))
                    .Append(" | ").Append(facts.IsScratch ? "scratch" : image.Assessment.Passed ? "✅ trusted" : "❌ not trusted").AppendLine(" |");
            }

            md.AppendLine();
            foreach (var image in result.BaseImages.Where(i => i.Assessment.Checks.Count > 0))
            {
                md.Append("<details><summary>Evidence for <code>").Append(Html(image.Assessment.Facts.Written)).AppendLine("</code></summary>").AppendLine();
                foreach (var check in image.Assessment.Checks)
                {
                    md.Append("- ").Append(OutcomeMark(check.Outcome)).Append(' ').Append(RuleCell(check.RuleId)).Append(": ").AppendLine(Cell(check.Message));
                    foreach (var evidence in check.Evidence)
                    {
                        md.Append("  - ").AppendLine(Cell(evidence));
                    }
                }

                md.AppendLine().AppendLine("</details>").AppendLine();
            }
        }

        if (result.ProducedImages.Count > 0)
        {
            md.AppendLine("### Produced images").AppendLine();
            foreach (var image in result.ProducedImages)
            {
                md.Append("- ").Append(Code(image.Facts.Reference));
                md.Append(image.Facts.Digest is { } d ? $" ({Code(ShortDigest(d))})" : string.Empty).AppendLine();
                foreach (var check in image.Checks)
                {
                    md.Append("  - ").Append(OutcomeMark(check.Outcome)).Append(' ').Append(RuleCell(check.RuleId)).Append(": ").AppendLine(Cell(check.Message));
                }
            }

            md.AppendLine();
        }

        if (result.Sbom is { } sbom)
        {
            md.AppendLine("### SBOM").AppendLine();
            md.Append(sbom.Components).Append(" components");
            if (sbom.File is not null)
            {
                md.Append(" in ").Append(Code(sbom.File));
            }

            md.AppendLine().AppendLine();
            if (sbom.ByLicense.Count > 0)
            {
                md.AppendLine("| licence | components |");
                md.AppendLine("|---|---:|");
                foreach (var (license, count) in Ordered(sbom.ByLicense))
                {
                    md.Append("| ").Append(Cell(license)).Append(" | ").Append(count).AppendLine(" |");
                }

                md.AppendLine();
            }

            if (sbom.ByScope.Count > 0)
            {
                md.Append("By scope: ").AppendLine(string.Join(", ", Ordered(sbom.ByScope).Select(s => $"{s.Key} {s.Value}"))).AppendLine();
            }
        }

        return md.ToString();
    }

    internal static IEnumerable<KeyValuePair<string, int>> Ordered(IReadOnlyDictionary<string, int> counts) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal);

    internal static string ShortDigest(string digest) => digest.Length > 19 ? digest[..19] + "…" : digest;

    private static string SeverityCell(GateFinding finding)
    {
        var mark = finding.ExemptedBy is not null ? "⏸️" : finding.Severity switch
        {
            Severity.Error => "❌",
            Severity.Warning => "⚠️",
            _ => "ℹ️",
        };
        var text = finding.Severity.ToString().ToLowerInvariant();
        return finding.CouldNotCheck ? $"{mark} {text} (could not check)" : $"{mark} {text}";
    }

    private static string RuleCell(string id) => RuleRegistry.ForFinding(id) is { } rule
        ? rule.Name == rule.Id ? $"[{id}]({rule.HelpUri})" : $"[{id}]({rule.HelpUri}) {rule.Name}"
        : id;

    private static string OutcomeMark(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "✅",
        CheckOutcome.Fail => "❌",
        _ => "❓",
    };

    private static string Code(string text) => $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
