using System.Text;
using PipelineGuard.Secrets;
using PipelineGuard.Testing.Secrets;
using Xunit;

namespace PipelineGuard.Core.Tests.Secrets;

/// <summary>Packages (.nupkg, .zip): every entry scanned without extracting, nested archives opened, archive bombs and lying headers bounded.</summary>
public sealed class PackageSecretScanTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pg-pkg-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Every_planted_file_in_a_nupkg_is_found_under_its_entry_path_and_no_decoy_is()
    {
        var corpus = PlantedSecrets.Corpus();
        var package = Zip("App.1.0.0.nupkg", corpus.Select(f => ("content/" + f.Name, f.Content)).Append(("App.nuspec", Encoding.UTF8.GetBytes("<package/>"))));
        var result = PackageSecretScanner.Scan(package);
        Assert.Equal(corpus.Count + 1, result.FilesScanned);
        Assert.Empty(result.Notes);
        Assert.Equal(Path.GetFullPath(package), result.Archive);
        var expected = corpus.Where(f => f.RuleId is not null).Select(f => ("content/" + f.Name, f.RuleId!)).OrderBy(f => f.Item1, StringComparer.Ordinal);
        Assert.Equal(expected, result.Findings.Select(f => (f.Path, f.RuleId)).OrderBy(f => f.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void A_connection_string_in_appsettings_Development_json_of_a_nupkg_is_found_and_redacted_in_the_MSBuild_lines()
    {
        var planted = PlantedPackages.ConnectionString;
        var package = Zip("Web.1.0.0.nupkg", [("contentFiles/any/net10.0/appsettings.Development.json", planted.Content)]);
        var result = PackageSecretScanner.Scan(package);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("PG4040", finding.RuleId);
        var line = Assert.Single(SecretReportWriter.MSBuildLines(result));
        Assert.StartsWith(Path.GetFullPath(package) + ": error PG4040: ", line, StringComparison.Ordinal);
        Assert.Contains("in contentFiles/any/net10.0/appsettings.Development.json:3:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(planted.Secret!, line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_inside_the_package_is_opened_and_named_with_a_bang()
    {
        var token = PlantedSecrets.GitHubToken(7);
        var inner = ZipBytes([("config/token.txt", Encoding.ASCII.GetBytes("token: " + token + "\n"))]);
        var package = Zip("Tool.1.0.0.nupkg", [("tools/bundle.zip", inner)]);
        var finding = Assert.Single(PackageSecretScanner.Scan(package).Findings);
        Assert.Equal("tools/bundle.zip!/config/token.txt", finding.Path);
    }

    [Fact]
    public void Archives_nested_past_the_limit_are_a_note_that_makes_the_scan_incomplete()
    {
        var deepest = ZipBytes([("a.txt", "x"u8.ToArray())]);
        var middle = ZipBytes([("b.zip", deepest)]);
        var package = Zip("Deep.nupkg", [("c.zip", middle)]);
        var result = PackageSecretScanner.Scan(package, packageLimits: new PackageScanLimits { MaxNesting = 1 });
        var note = Assert.Single(result.Notes);
        Assert.Equal("c.zip!/b.zip", note.Path);
        Assert.True(result.Incomplete);
    }

    [Fact]
    public void An_entry_that_inflates_beyond_the_ratio_is_not_inflated_and_the_scan_is_incomplete()
    {
        var package = Zip("Bomb.nupkg", [("zeros.bin", new byte[8 * 1024 * 1024])]);
        var result = PackageSecretScanner.Scan(package);
        var note = Assert.Single(result.Notes);
        Assert.Contains("archive bomb", note.Message, StringComparison.Ordinal);
        Assert.True(result.Incomplete);
        Assert.Equal(0, result.BytesScanned);
    }

    [Fact]
    public void An_entry_larger_than_the_file_limit_is_read_only_to_the_limit_whatever_its_header_says()
    {
        var random = new byte[64 * 1024];
        new Random(3).NextBytes(random);
        var package = Zip("Big.nupkg", [("big.bin", random)]);
        var result = PackageSecretScanner.Scan(package, new SecretScanLimits { MaxFileBytes = 1024 });
        Assert.Contains("larger than the limit of 1024 bytes", Assert.Single(result.Notes).Message, StringComparison.Ordinal);
        Assert.True(result.Incomplete);
    }

    [Fact]
    public void The_total_inflated_size_is_bounded_and_a_package_past_it_fails()
    {
        var random = new byte[32 * 1024];
        new Random(4).NextBytes(random);
        var package = Zip("Many.nupkg", Enumerable.Range(0, 8).Select(i => ($"f{i}.bin", random)));
        var e = Assert.Throws<SecretScanException>(() => PackageSecretScanner.Scan(package, packageLimits: new PackageScanLimits { MaxTotalBytes = 100_000 }));
        Assert.Contains("inflates past the limit of 100000 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_fails_with_its_name()
    {
        var path = Path.Combine(folder, "broken.nupkg");
        File.WriteAllText(path, "not a zip");
        var e = Assert.Throws<SecretScanException>(() => PackageSecretScanner.Scan(path));
        Assert.Contains("broken.nupkg: not a readable zip archive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_job_reads_a_package_path_as_a_package_and_applies_the_allow_list_by_fingerprint_path_and_rule()
    {
        var token = PlantedSecrets.GitHubToken(9);
        var package = Zip("Lib.1.0.0.nupkg", [("lib/readme.txt", Encoding.ASCII.GetBytes(token + "\n")), ("tests/fixture.txt", Encoding.ASCII.GetBytes(PlantedSecrets.GitHubToken(10) + "\n"))]);
        var plain = await SecretsJob.RunAsync(new SecretsJobOptions { Target = package });
        Assert.Equal(2, plain.Result!.Findings.Count);
        Assert.False(plain.Passed);

        var fingerprint = plain.Result.Findings.Single(f => f.Path == "lib/readme.txt").Fingerprint;
        var allowed = await SecretsJob.RunAsync(new SecretsJobOptions
        {
            Target = package,
            Allow =
            [
                new SecretAllowEntry { Fingerprint = fingerprint[..16], Reason = "revoked on 2026-11-30" },
                new SecretAllowEntry { Path = "tests/**", Rule = "github-token", Reason = "test fixture" },
            ],
        });
        Assert.True(allowed.Passed);
        Assert.Equal(["revoked on 2026-11-30", "test fixture"], allowed.Result!.Allowed.Select(a => a.Reason).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_expired_allow_list_entry_allows_nothing_and_says_so()
    {
        var package = Zip("Lib.nupkg", [("a.txt", Encoding.ASCII.GetBytes(PlantedSecrets.GitHubToken(11) + "\n"))]);
        var result = await SecretsJob.RunAsync(new SecretsJobOptions
        {
            Target = package,
            Now = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero),
            Allow = [new SecretAllowEntry { Path = "a.txt", Reason = "r", Expires = new DateOnly(2026, 12, 3), Source = "pipelineguard.yaml:7" }],
        });
        Assert.False(result.Passed);
        Assert.Single(result.Result!.Findings);
        Assert.Contains(result.Result.Notes, n => n.Message.Contains("pipelineguard.yaml:7", StringComparison.Ordinal) && n.Message.Contains("expired on 2026-12-03", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tests/**", "tests/a/b.txt", true)]
    [InlineData("tests/**", "src/tests/a.txt", false)]
    [InlineData("**/fixtures/*.json", "a/b/fixtures/x.json", true)]
    [InlineData("**/fixtures/*.json", "fixtures/x.json", true)]
    [InlineData("**/fixtures/*.json", "fixtures/sub/x.json", false)]
    [InlineData("*.env", "dir/.env", false)]
    [InlineData("dir/?.env", "dir/a.env", true)]
    [InlineData("a.txt", "a.txt", true)]
    [InlineData("a.txt", "b/a.txt", false)]
    public void Allow_list_path_patterns_match_by_segment(string pattern, string path, bool matches)
    {
        var finding = new SecretFinding("PG4003", "GitHub token", path, 1, 1, "ghp_********", new string('a', 64));
        Assert.Equal(matches, new SecretAllowEntry { Path = pattern, Reason = "r" }.Matches(finding));
    }

    [Fact]
    public async Task A_missing_target_is_a_usage_error()
    {
        var result = await SecretsJob.RunAsync(new SecretsJobOptions { Target = Path.Combine(folder, "nothing") });
        Assert.True(result.IsUsageError);
        Assert.Contains("no such file or folder", result.Error, StringComparison.Ordinal);
    }

    private string Zip(string name, IEnumerable<(string Name, byte[] Content)> entries)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, ZipBytes(entries));
        return path;
    }

    private static byte[] ZipBytes(IEnumerable<(string Name, byte[] Content)> entries) => PlantedPackages.Zip(entries);
}
