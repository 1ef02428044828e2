using System.Security.Cryptography;
using System.Text;

namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>
/// hadolint's <c>gitlab_codeclimate</c> format (GitLab Code Quality): one JSON array of the <c>codeclimate</c> issues,
/// each with a <c>fingerprint</c> key (between <c>description</c> and <c>location</c>, as the keys sort), which is the
/// lower-case hex SHA-1 of that issue's <c>codeclimate</c> JSON. No trailing newline.
/// </summary>
public static class GitlabCodeClimateLintWriter
{
    /// <summary>Writes the array; <paramref name="filePathInReport"/> as for <see cref="CodeClimateLintWriter.Write"/>.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer, string? filePathInReport = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        var builder = new StringBuilder("[");
        var first = true;
        foreach (var finding in results.SelectMany(r => r.Findings))
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            var issue = CodeClimateLintWriter.IssueJson(finding, filePathInReport);
#pragma warning disable CA5350 // hadolint's fingerprint is SHA-1: it identifies an issue across runs, it protects nothing.
            var fingerprint = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(issue))).ToLowerInvariant();
#pragma warning restore CA5350
            CodeClimateLintWriter.AppendIssue(builder, finding, filePathInReport, fingerprint);
        }

        writer.Write(builder.Append(']').ToString());
    }
}
