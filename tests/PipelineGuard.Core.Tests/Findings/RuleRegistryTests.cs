using System.Text.Json;
using System.Text.RegularExpressions;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Findings;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Findings;

/// <summary>One registry: every id and every name declared once, each id in its family's block, and the docs saying the same.</summary>
public sealed class RuleRegistryTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", name));

    [Fact]
    public void No_two_rules_share_an_id_or_a_name()
    {
        var declared = RuleRegistry.Declarations();
        var ids = declared.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(ids.Count == 0, $"ids declared twice: {string.Join(", ", ids)}");

        // A name may equal its own id (hadolint's rules); otherwise a key in a policy must mean exactly one rule.
        var keys = declared.SelectMany(r => r.Name == r.Id ? new[] { (Key: r.Id, Rule: r.Id) } : [(r.Id, r.Id), (r.Name, r.Id)])
            .GroupBy(k => k.Key, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(k => k.Rule).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(k => k.Rule))})")
            .ToList();
        Assert.True(keys.Count == 0, $"names or ids addressing more than one rule: {string.Join("; ", keys)}");
        Assert.Equal(declared.Count, RuleRegistry.All.Count);
    }

    [Fact]
    public void Every_id_is_in_its_familys_block_and_the_lint_catalogue_is_included_not_redeclared()
    {
        foreach (var rule in RuleRegistry.All)
        {
            Assert.True(RuleRegistry.FamilyOf(rule.Id) == rule.Family, $"{rule.Id} is declared as {rule.Family} but its id is in the block of {RuleRegistry.FamilyOf(rule.Id)}");
        }

        foreach (var lint in LintRuleCatalog.Rules)
        {
            var rule = RuleRegistry.FindById(lint.Code);
            Assert.NotNull(rule);
            Assert.Equal(lint.HelpUri, rule.HelpUri);
        }

        Assert.All(BaseImageRuleCatalog.All, r => Assert.Equal(RuleFamily.BaseImage, r.Descriptor.Family));
        Assert.Equal(["PG3001", "PG3002", "PG3003", "PG3004", "PG3005", "PG3006", "PG3007", "PG3008"], BaseImageRuleCatalog.All.Select(r => r.Descriptor.Id));
    }

    [Fact]
    public void A_leaked_token_and_an_unpinned_base_are_two_rules_with_their_own_names_and_help()
    {
        // Before the renumbering PG1001 was both the lint rule for a secret in ENV and the base-image allowed-registry rule.
        var secret = RuleRegistry.FindById("PG1001")!;
        Assert.Equal("secret-in-arg-env", secret.Name);
        Assert.EndsWith("docs/lint-rules.md#pg1001", secret.HelpUri.AbsoluteUri, StringComparison.Ordinal);
        var registry = RuleRegistry.FindById(ProvenanceRuleIds.AllowedRegistry)!;
        Assert.Equal("allowed-registry", registry.Name);
        Assert.EndsWith("docs/policy.md#pg3001-allowed-registry", registry.HelpUri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_md_has_a_section_for_every_gate_rule_and_none_for_a_rule_that_does_not_exist()
    {
        var doc = Doc("policy.md");
        var headings = Regex.Matches(doc, @"^### (PG\d{4}) ([a-z0-9-]+)\s*$", RegexOptions.Multiline).Select(m => (Id: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        var expected = GateRules.All.Select(r => (r.Id, r.Name)).ToList();
        Assert.Equal(expected.OrderBy(r => r.Id, StringComparer.Ordinal), headings.OrderBy(r => r.Id, StringComparer.Ordinal));
        foreach (var rule in GateRules.All)
        {
            // The help anchor is the one GitHub makes from the heading.
            Assert.EndsWith($"policy.md#{rule.Id.ToLowerInvariant()}-{rule.Name}", rule.HelpUri.AbsoluteUri, StringComparison.Ordinal);
            var section = doc[doc.IndexOf($"### {rule.Id} {rule.Name}", StringComparison.Ordinal)..];
            section = section[(section.IndexOf('\n', StringComparison.Ordinal) + 1)..];
            section = section[..Math.Max(0, section.IndexOf("\n#", StringComparison.Ordinal))];
            if (Regex.Match(section, @"Default: (error|warning|note|off)\.") is { Success: true } stated)
            {
                Assert.Equal(rule.DefaultSeverity.ToString().ToLowerInvariant(), stated.Groups[1].Value);
            }
        }
    }

    [Fact]
    public void Lint_rules_md_lists_every_lint_rule_with_its_default_and_every_name()
    {
        var doc = Doc("lint-rules.md");
        foreach (var rule in LintRuleCatalog.Rules)
        {
            var row = rule.Code.StartsWith("PG", StringComparison.Ordinal)
                ? Regex.Match(doc, $@"^\| <a id=""{rule.Code.ToLowerInvariant()}""></a>{rule.Code} \| ([^|]+) \|", RegexOptions.Multiline)
                : Regex.Match(doc, $@"^\| \[{rule.Code}\]\([^)]+\) \| ([^|]+) \|", RegexOptions.Multiline);
            Assert.True(row.Success, $"{rule.Code} has no row in docs/lint-rules.md");
            var stated = row.Groups[1].Value.Trim();
            var expected = rule.DefaultSeverity == LintSeverity.Ignore ? "off" : rule.DefaultSeverity.ToName();
            Assert.True(stated.StartsWith(expected, StringComparison.Ordinal), $"{rule.Code}: docs say '{stated}', the catalogue {expected}");
        }

        var names = Regex.Matches(doc, @"^\| (PG\d{4}) \| `([a-z0-9-]+)` \|", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        var named = RuleRegistry.All.Where(r => r.Family == RuleFamily.DockerfileSecurity && r.Name != r.Id).ToDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal);
        Assert.Equal(named.OrderBy(n => n.Key, StringComparer.Ordinal), names.OrderBy(n => n.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_policy_schema_accepts_exactly_the_registrys_names()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "pipelineguard.schema.json")));
        var properties = schema.RootElement.GetProperty("properties");
        foreach (var pattern in new[]
        {
            properties.GetProperty("rules").GetProperty("propertyNames").GetProperty("pattern").GetString()!,
            properties.GetProperty("exceptions").GetProperty("items").GetProperty("properties").GetProperty("rule").GetProperty("pattern").GetString()!,
        })
        {
            var listed = Regex.Match(pattern, @"SC\[0-9\]\+\|(.*)\)\$$").Groups[1].Value.Split('|').Order(StringComparer.Ordinal);
            var names = RuleRegistry.All.Where(r => r.Name != r.Id).Select(r => r.Name).Order(StringComparer.Ordinal);
            Assert.Equal(names, listed);
        }
    }
}
