using System.Text;
using PipelineGuard.Findings;
using PipelineGuard.Secrets;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Secrets;
using Xunit;

namespace PipelineGuard.Core.Tests.Secrets;

/// <summary>A folder scan: every planted file found, every report form redacted, bad input a note and never a crash or a hang.</summary>
public sealed class SecretFolderScanTests
{
    [Fact]
    public void A_folder_scan_finds_every_planted_file_and_nothing_in_the_decoys()
    {
        using var corpus = new SecretCorpusFolder();
        var result = SecretFolderScanner.Scan(corpus.Path);
        Assert.Equal(corpus.Files.Count, result.FilesScanned);
        Assert.Empty(result.Notes);
        var expected = corpus.Files.Where(f => f.RuleId is not null).Select(f => (f.Name, f.RuleId!)).OrderBy(f => f.Name, StringComparer.Ordinal);
        Assert.Equal(expected, result.Findings.Select(f => (f.Path, f.RuleId)).OrderBy(f => f.Path, StringComparer.Ordinal));
        Assert.Equal(corpus.Path, result.BaseFolder);
    }

    [Fact]
    public void No_report_form_contains_a_planted_secret_or_more_than_its_preview()
    {
        using var corpus = new SecretCorpusFolder();
        var allowedPassword = "Al9" + "wedPassw0rdValue";
        File.WriteAllText(Path.Combine(corpus.Path, "allowed.conf"), $"# pipelineguard ignore=PG4030\nSMTP_PASSWORD={allowedPassword}\n");
        var result = SecretFolderScanner.Scan(corpus.Path);
        Assert.Single(result.Allowed);
        var secrets = corpus.Secrets.Append(allowedPassword).ToList();
        foreach (var format in Enum.GetValues<SecretReportFormat>())
        {
            var report = SecretReportWriter.Write(result, format, SourceRoot.At(corpus.Path));
            Assert.Contains("PG4003", report, StringComparison.Ordinal);
            foreach (var secret in secrets)
            {
                // Not the secret, and not its unshown part either (a report may carry a preview of 4 characters).
                Assert.DoesNotContain(secret, report, StringComparison.Ordinal);
                Assert.DoesNotContain(secret[4..], report, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Sarif_locations_are_relative_to_the_source_root_with_a_stable_fingerprint()
    {
        using var corpus = new SecretCorpusFolder(PlantedSecrets.Corpus().Where(f => f.Name == "github/classic.txt"));
        var result = SecretFolderScanner.Scan(corpus.Path);
        var root = SourceRoot.At(Path.GetDirectoryName(corpus.Path)!);
        using var sarif = System.Text.Json.JsonDocument.Parse(SecretReportWriter.Write(result, SecretReportFormat.Sarif, root));
        var location = sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(Path.GetFileName(corpus.Path) + "/github/classic.txt", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(SarifConventions.RootBaseId, location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(1, location.GetProperty("region").GetProperty("startLine").GetInt32());
        var again = SecretReportWriter.Write(SecretFolderScanner.Scan(corpus.Path), SecretReportFormat.Sarif, root);
        Assert.Equal(SecretReportWriter.Write(result, SecretReportFormat.Sarif, root), again);
    }

    [Fact]
    public void A_fifo_a_symlink_out_of_the_folder_and_a_huge_file_are_notes_and_the_scan_ends()
    {
        using var corpus = new SecretCorpusFolder(PlantedSecrets.Corpus().Where(f => f.Name == "stripe.txt"));
        var outside = Directory.CreateTempSubdirectory("pg-secrets-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "token.txt"), "DB_PASSWORD=Ou7" + "tsideValue99\n");
            File.CreateSymbolicLink(Path.Combine(corpus.Path, "linked.txt"), Path.Combine(outside, "token.txt"));
            Directory.CreateSymbolicLink(Path.Combine(corpus.Path, "linked-dir"), outside);
            Fifo.Create(Path.Combine(corpus.Path, "pipe"));
            File.WriteAllBytes(Path.Combine(corpus.Path, "huge.bin"), new byte[4096]);
            var result = SecretFolderScanner.Scan(corpus.Path, new SecretScanLimits { MaxFileBytes = 1024 });
            Assert.Equal("stripe.txt", Assert.Single(result.Findings).Path);
            Assert.Contains(result.Notes, n => n.Path == "linked.txt" && n.Message.Contains("outside the folder", StringComparison.Ordinal) && !n.Incomplete);
            Assert.Contains(result.Notes, n => n.Path == "linked-dir" && n.Message.Contains("outside the folder", StringComparison.Ordinal));
            Assert.Contains(result.Notes, n => n.Path == "pipe" && n.Message.Contains("not a regular file", StringComparison.Ordinal) && !n.Incomplete);
            Assert.Contains(result.Notes, n => n.Path == "huge.bin" && n.Message.Contains("larger than the limit of 1024 bytes", StringComparison.Ordinal) && n.Incomplete);
            Assert.True(result.Incomplete);
            Assert.Contains("huge.bin: note: not scanned", SecretReportWriter.Write(result, SecretReportFormat.Tty), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_an_error_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "pg-secrets-missing-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<DirectoryNotFoundException>(() => SecretFolderScanner.Scan(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_content_gets_only_the_file_rules()
    {
        var token = PlantedSecrets.GitHubToken(3);
        var content = new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0 }.Concat(Encoding.ASCII.GetBytes(" " + token + " ")).ToArray();
        Assert.Empty(SecretContentScanner.Scan("bin/tool", content));
        Assert.Single(SecretContentScanner.Scan("bin/tool.txt", Encoding.ASCII.GetBytes(" " + token + " ")));
    }
}
