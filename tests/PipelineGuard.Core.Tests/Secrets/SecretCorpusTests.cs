using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PipelineGuard.Findings;
using PipelineGuard.Secrets;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Secrets;
using Xunit;

namespace PipelineGuard.Core.Tests.Secrets;

/// <summary>The built corpus: every planted format found under its own rule, each decoy clean, every rule planted and documented.</summary>
public sealed class SecretCorpusTests
{
    public static TheoryData<string> PlantedNames() => [.. PlantedSecrets.Corpus().Where(f => f.RuleId is not null).Select(f => f.Name)];

    public static TheoryData<string> DecoyNames() => [.. PlantedSecrets.Corpus().Where(f => f.RuleId is null).Select(f => f.Name)];

    private static CorpusFile File(string name) => PlantedSecrets.Corpus().Single(f => f.Name == name);

    [Theory]
    [MemberData(nameof(PlantedNames))]
    public void A_planted_secret_is_found_once_under_its_rule(string name)
    {
        var file = File(name);
        var findings = SecretContentScanner.Scan(file.Name, file.Content);
        var summary = string.Join(", ", findings.Select(f => $"{f.RuleId} {f.Kind} {f.Line}:{f.Column}"));
        Assert.True(findings.Count == 1, $"{name}: expected one {file.RuleId}, found [{summary}]");
        var finding = findings[0];
        Assert.Equal(file.RuleId, finding.RuleId);
        Assert.NotNull(RuleRegistry.FindById(finding.RuleId));
        if (file.Secret is { } secret)
        {
            Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant(), finding.Fingerprint);
            Assert.Equal(secret[..4] + SecretRedaction.Mask, finding.Preview);
            var text = Encoding.UTF8.GetString(file.Content);
            var lineStart = text.LastIndexOf('\n', text.IndexOf(secret, StringComparison.Ordinal)) + 1;
            Assert.Equal(text.IndexOf(secret, StringComparison.Ordinal) - lineStart + 1, finding.Column);
        }
        else
        {
            Assert.Equal(Convert.ToHexString(SHA256.HashData(file.Content)).ToLowerInvariant(), finding.Fingerprint);
        }
    }

    [Theory]
    [MemberData(nameof(DecoyNames))]
    public void A_decoy_is_clean(string name)
    {
        var file = File(name);
        var findings = SecretContentScanner.Scan(file.Name, file.Content);
        Assert.True(findings.Count == 0, $"{name}: {string.Join(", ", findings.Select(f => $"{f.RuleId} {f.Kind} at {f.Line}:{f.Column} ({f.Preview})"))}");
    }

    [Fact]
    public void Every_secrets_rule_is_planted_in_the_corpus()
    {
        var planted = PlantedSecrets.Corpus().Select(f => f.RuleId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = SecretRuleCatalog.Rules.Select(r => r.Id).Where(id => !planted.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"rules with no planted file: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_secrets_rule_is_in_the_registry_and_documented_with_its_name_and_default()
    {
        var doc = System.IO.File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "secrets.md"));
        var rows = Regex.Matches(doc, @"^\| <a id=""(pg4\d{3})""></a>(PG4\d{3}) \| `([a-z0-9-]+)` \| (error|warning|note|off) \|", RegexOptions.Multiline)
            .Select(m => (Id: m.Groups[2].Value, Name: m.Groups[3].Value, Default: m.Groups[4].Value)).ToList();
        var registered = RuleRegistry.All.Where(r => r.Family == RuleFamily.Secrets)
            .Select(r => (r.Id, r.Name, Default: r.DefaultSeverity.ToString().ToLowerInvariant())).ToList();
        Assert.Equal(registered, rows);
        Assert.All(SecretRuleCatalog.Rules, r => Assert.EndsWith("docs/secrets.md#" + r.Id.ToLowerInvariant(), r.HelpUri.AbsoluteUri, StringComparison.Ordinal));
    }

    [Fact]
    public void A_github_or_npm_token_with_a_wrong_checksum_is_not_a_token()
    {
        var good = PlantedSecrets.GitHubToken(7);
        Assert.True(TokenChecksum.IsValid(good));
        var flipped = good[..10] + (good[10] == 'a' ? 'b' : 'a') + good[11..];
        Assert.False(TokenChecksum.IsValid(flipped));
        Assert.Equal("PG4003", Assert.Single(SecretPatterns.FindValues("x " + good + " y")).RuleId);
        Assert.Empty(SecretPatterns.FindValues("x " + flipped + " y"));
    }

    [Fact]
    public void The_checksum_is_the_base62_crc32_of_the_random_part()
    {
        // CRC-32 (IEEE) of "123456789" is 0xCBF43926 (the standard check value); in base 62 that is 3bRUmD... padded to 6.
        var value = 0xCBF43926u;
        const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var expected = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            expected[i] = Digits[(int)(value % 62)];
            value /= 62;
        }

        Assert.Equal(new string(expected), TokenChecksum.Suffix("123456789"));
    }

    [Fact]
    public void Password_min_length_style_names_are_not_secrets_but_a_real_password_is()
    {
        Assert.Empty(SecretPatterns.FindAll("PASSWORD_MIN_LENGTH=12\nPASSWORD_MAX_AGE_DAYS=90\nTOKEN_EXPIRY=1h\n"));
        var found = Assert.Single(SecretPatterns.FindAll("DB_PASSWORD=Wq8" + "zLp4Rt7\n"));
        Assert.Equal(SecretRuleCatalog.SensitiveAssignment, found.RuleId);
    }

    [Fact]
    public void An_inline_comment_allows_a_secret_under_that_rule_only()
    {
        var password = "Wq8" + "zLp4Rt7Kd";
        var allowed = new List<AllowedSecret>();
        var content = Encoding.UTF8.GetBytes($"# pipelineguard ignore=sensitive-assignment\nDB_PASSWORD={password}\n# pipelineguard ignore=PG4001\nAPI_SECRET={password}x\n");
        var findings = SecretContentScanner.Scan("app.conf", content, allowed);
        Assert.Equal(4, Assert.Single(findings).Line);
        Assert.Equal(2, Assert.Single(allowed).Finding.Line);
        Assert.Contains("line 1", allowed[0].Reason, StringComparison.Ordinal);
    }
}
