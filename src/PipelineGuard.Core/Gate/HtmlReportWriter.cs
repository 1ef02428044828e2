using System.Globalization;
using System.Net;
using System.Text;
using PipelineGuard.Findings;
using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>
/// Writes a <see cref="GateResult"/> as one self-contained HTML page (inline style and script, no external request):
/// the verdict at a glance, a filterable findings table, SBOM component counts by licence and scope,
/// and each base image with its chain of evidence.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        :root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--muted:#57606a;--line:#d0d7de;font-family:system-ui,-apple-system,"Segoe UI",sans-serif}
        body{margin:0 auto;max-width:1100px;padding:24px;color:#1f2328}
        header.verdict{border-radius:10px;padding:20px 24px;color:#fff;display:flex;justify-content:space-between;align-items:center}
        header.pass{background:var(--ok)} header.fail{background:var(--bad)}
        header h1{margin:0;font-size:28px} header .counts span{margin-left:18px;font-size:15px}
        h2{margin-top:32px;border-bottom:1px solid var(--line);padding-bottom:6px}
        table{border-collapse:collapse;width:100%;font-size:14px} th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
        th{background:#f6f8fa} code{font-family:ui-monospace,monospace;font-size:13px;word-break:break-all}
        .sev{font-weight:600;white-space:nowrap} .sev.error{color:var(--bad)} .sev.warning{color:var(--warn)} .sev.note{color:var(--muted)}
        tr.exempted td{opacity:.6} .filters button{margin-right:6px;padding:4px 10px;border:1px solid var(--line);border-radius:14px;background:#fff;cursor:pointer}
        .filters button.on{background:#0969da;color:#fff;border-color:#0969da}
        .image{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:12px 0}
        .image h3{margin:0 0 8px;font-size:16px} ol.chain{list-style:none;padding:0;margin:0}
        ol.chain li{padding:6px 0 6px 28px;position:relative;border-left:2px solid var(--line);margin-left:9px}
        ol.chain li::before{position:absolute;left:-11px;top:5px;width:20px;height:20px;border-radius:50%;color:#fff;text-align:center;font-size:13px;line-height:20px}
        ol.chain li.pass::before{content:"✓";background:var(--ok)} ol.chain li.fail::before{content:"✗";background:var(--bad)}
        ol.chain li.unknown::before{content:"?";background:var(--warn)} ol.chain li.fact::before{content:"•";background:var(--muted)}
        .evidence{color:var(--muted);font-size:13px} .bars td.bar{width:60%} .bar div{background:#0969da;height:12px;border-radius:3px}
        footer{margin-top:32px;color:var(--muted);font-size:12px}
        """;

    private const string Script = """
        (function(){
          var buttons=document.querySelectorAll('.filters button');
          function apply(level){
            document.querySelectorAll('#findings tbody tr').forEach(function(row){
              row.hidden=level!=='all'&&row.getAttribute('data-severity')!==level;
            });
            buttons.forEach(function(b){b.classList.toggle('on',b.getAttribute('data-level')===level);});
          }
          buttons.forEach(function(b){b.addEventListener('click',function(){apply(b.getAttribute('data-level'));});});
          apply('all');
          document.documentElement.setAttribute('data-report-ready','true');
        })();
        """;

    /// <summary>The report as an HTML document.</summary>
    public static string Write(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>PipelineGuard gate: ").Append(result.Passed ? "passed" : "failed").AppendLine("</title>");
        html.Append("<style>").Append(Style).AppendLine("</style></head><body>");

        html.Append("<header class=\"verdict ").Append(result.Passed ? "pass" : "fail").Append("\" id=\"verdict\" data-verdict=\"").Append(result.Passed ? "pass" : "fail").AppendLine("\">");
        html.Append("<h1>").Append(result.Passed ? "✓ Gate passed" : "✗ Gate failed").AppendLine("</h1>");
        html.Append("<div class=\"counts\"><span>").Append(result.Count(Severity.Error)).Append(" errors</span><span>")
            .Append(result.Count(Severity.Warning)).Append(" warnings</span><span>")
            .Append(result.Count(Severity.Note)).Append(" notes</span><span>")
            .Append(result.Findings.Count(f => f.ExemptedBy is not null)).AppendLine(" exempted</span></div></header>");
        html.Append("<p>Policy: ").Append(result.PolicyFile is null ? "rules from the command line" : Code(result.FromRoot(result.PolicyFile)));
        if (result.Dockerfiles.Count > 0)
        {
            html.Append(" · Dockerfiles: ").Append(string.Join(", ", result.Dockerfiles.Select(d => Code(result.FromRoot(d)))));
        }

        html.AppendLine("</p>");
        WriteFindings(html, result);
        WriteBaseImages(html, result);
        WriteProducedImages(html, result);
        WriteSbom(html, result);
        html.Append("<footer>PipelineGuard ").Append(E(result.ToolVersion)).Append(" · ")
            .Append(result.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).AppendLine("</footer>");
        html.Append("<script>").Append(Script).AppendLine("</script>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void WriteFindings(StringBuilder html, GateResult result)
    {
        html.AppendLine("<h2>Findings</h2>");
        if (result.Findings.Count == 0)
        {
            html.AppendLine("<p>No findings.</p>");
            return;
        }

        html.AppendLine("<div class=\"filters\"><button data-level=\"all\">all</button><button data-level=\"error\">errors</button><button data-level=\"warning\">warnings</button><button data-level=\"note\">notes</button></div>");
        html.AppendLine("<table id=\"findings\"><thead><tr><th>severity</th><th>rule</th><th>where</th><th>message</th></tr></thead><tbody>");
        foreach (var finding in result.Findings)
        {
            var level = finding.Severity.ToString().ToLowerInvariant();
            html.Append("<tr data-severity=\"").Append(level).Append('"').Append(finding.ExemptedBy is null ? string.Empty : " class=\"exempted\"").Append('>');
            html.Append("<td class=\"sev ").Append(level).Append("\">").Append(level).Append(finding.CouldNotCheck ? " (could not check)" : string.Empty).Append("</td>");
            html.Append("<td>").Append(RuleLink(finding.RuleId)).Append("</td>");
            html.Append("<td>").Append(finding.Location is { } l ? Code($"{result.FromRoot(l.File)}:{l.Line}") : string.Empty).Append("</td>");
            html.Append("<td>").Append(finding.Subject is null ? string.Empty : Code(finding.Subject) + " ").Append(E(finding.Message));
            if (finding.ExemptedBy is { } e)
            {
                html.Append("<br><span class=\"evidence\">Exception until ").Append(e.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(": ").Append(E(e.Reason)).Append("</span>");
            }

            html.AppendLine("</td></tr>");
        }

        html.AppendLine("</tbody></table>");
    }

    private static void WriteBaseImages(StringBuilder html, GateResult result)
    {
        if (result.BaseImages.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2>Base images</h2>");
        foreach (var image in result.BaseImages)
        {
            var facts = image.Assessment.Facts;
            html.Append("<section class=\"image\"><h3>").Append(facts.IsScratch ? "• " : image.Assessment.Passed ? "✓ " : "✗ ").Append(Code(facts.Written)).AppendLine("</h3>");
            html.AppendLine("<ol class=\"chain\">");
            html.Append("<li class=\"fact\">Named in ").Append(Code(facts.Location is { } l ? $"{result.FromRoot(image.Dockerfile)}:{l.Line}" : result.FromRoot(image.Dockerfile))).AppendLine("</li>");
            if (facts.IsScratch)
            {
                html.AppendLine("<li class=\"pass\"><code>scratch</code>: an empty file system, nothing to trust</li></ol></section>");
                continue;
            }

            var digest = facts.WrittenDigest ?? facts.ResolvedDigest;
            if (digest is not null)
            {
                html.Append("<li class=\"fact\">").Append(facts.WrittenDigest is null ? "Tag resolved to " : "Pinned to ").Append(Code(digest)).AppendLine("</li>");
            }
            else
            {
                html.Append("<li class=\"unknown\">Not resolved: ").Append(E(facts.ResolutionError ?? "no digest")).AppendLine("</li>");
            }

            foreach (var check in image.Assessment.Checks)
            {
                WriteCheck(html, check);
            }

            if (facts.Created is { } created)
            {
                html.Append("<li class=\"fact\">Config created ").Append(E(created.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).AppendLine("</li>");
            }

            html.AppendLine("</ol></section>");
        }
    }

    private static void WriteProducedImages(StringBuilder html, GateResult result)
    {
        if (result.ProducedImages.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2>Produced images</h2>");
        foreach (var image in result.ProducedImages)
        {
            html.Append("<section class=\"image\"><h3>").Append(Code(image.Facts.Reference)).AppendLine("</h3><ol class=\"chain\">");
            html.Append(image.Facts.Digest is { } d ? $"<li class=\"fact\">Digest {Code(d)}</li>" : $"<li class=\"unknown\">Not resolved: {E(image.Facts.ResolutionError ?? "no digest")}</li>").AppendLine();
            foreach (var check in image.Checks)
            {
                WriteCheck(html, check);
            }

            html.AppendLine("</ol></section>");
        }
    }

    private static void WriteCheck(StringBuilder html, RuleCheck check)
    {
        var css = check.Outcome switch
        {
            CheckOutcome.Pass => "pass",
            CheckOutcome.Fail => "fail",
            _ => "unknown",
        };
        html.Append("<li class=\"").Append(css).Append("\">").Append(RuleLink(check.RuleId)).Append(": ").Append(E(check.Message));
        if (check.Evidence.Count > 0)
        {
            html.Append("<div class=\"evidence\">").Append(string.Join("<br>", check.Evidence.Select(E))).Append("</div>");
        }

        html.AppendLine("</li>");
    }

    private static void WriteSbom(StringBuilder html, GateResult result)
    {
        if (result.Sbom is not { } sbom)
        {
            return;
        }

        html.Append("<h2>SBOM</h2><p>").Append(sbom.Components).Append(" components");
        if (sbom.File is not null)
        {
            html.Append(" in ").Append(Code(sbom.File));
        }

        html.AppendLine("</p>");
        WriteBars(html, "licence", sbom.ByLicense, sbom.Components);
        WriteBars(html, "scope", sbom.ByScope, sbom.Components);
    }

    private static void WriteBars(StringBuilder html, string title, IReadOnlyDictionary<string, int> counts, int total)
    {
        if (counts.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"bars\" id=\"sbom-").Append(title).Append("\"><thead><tr><th>").Append(title).AppendLine("</th><th>components</th><th></th></tr></thead><tbody>");
        foreach (var (key, count) in MarkdownSummaryWriter.Ordered(counts))
        {
            var width = total == 0 ? 0 : (int)Math.Round(100.0 * count / total);
            html.Append("<tr><td>").Append(E(key)).Append("</td><td>").Append(count).Append("</td><td class=\"bar\"><div style=\"width:").Append(width).AppendLine("%\"></div></td></tr>");
        }

        html.AppendLine("</tbody></table>");
    }

    private static string RuleLink(string id)
    {
        if (RuleRegistry.ForFinding(id) is { } rule)
        {
            var link = $"<a href=\"{E(rule.HelpUri.ToString())}\">{E(id)}</a>";
            return rule.Name == rule.Id ? link : $"{link} {E(rule.Name)}";
        }

        return E(id);
    }

    private static string Code(string text) => $"<code>{E(text)}</code>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
