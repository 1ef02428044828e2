using System.Text.Json;
using PipelineGuard.Gate;
using PipelineGuard.Licenses;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Licenses;

/// <summary>
/// The licence evaluator against the npm package spdx-satisfies 6.0.0 (pinned in tests/interop), on a generated
/// corpus: for allow lists the two must give the same answer on every expression; for deny lists spdx-satisfies is
/// asked whether the expression is satisfied by every licence the deny list leaves (the same question: "is there a
/// choice that avoids every denied licence?").
/// </summary>
public sealed class LicenseInteropTests
{
    [Fact]
    public async Task Allow_lists_agree_with_spdx_satisfies_on_every_generated_expression()
    {
        var cases = LicenseCorpus.AllowCases(400, seed: 18);
        var answers = await SpdxSatisfiesAsync(cases.Select(c => (c.Expression, c.Allow)).ToList(), "allow");

        var disagreements = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (expression, allow) = cases[i];
            var ours = Passes(expression, new LicensePolicy { Enabled = true, Allow = allow });
            if (ours != answers[i])
            {
                disagreements.Add($"{expression} under allow [{string.Join(", ", allow)}]: spdx-satisfies {answers[i]}, PipelineGuard {ours}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        // The corpus asks both kinds of question, or agreement proves little.
        Assert.InRange(answers.Count(a => a), 40, 360);
    }

    [Fact]
    public async Task Deny_lists_agree_with_spdx_satisfies_given_what_the_deny_list_leaves()
    {
        var cases = LicenseCorpus.DenyCases(250, seed: 1818);
        var universe = LicenseCorpus.Universe().ToList();
        var questions = new List<(string Expression, string[] Allow)>();
        foreach (var (expression, deny) in cases)
        {
            // What is left: each licence (with each exception) that the deny list does not cover.
            var evaluator = new LicenseEvaluator(new LicensePolicy { Enabled = true, Deny = deny });
            var left = universe.Where(u => evaluator.Evaluate(LicenseLeaf.From(u.Licence, u.Exception)).Outcome == LicenseOutcome.Allowed).Select(u => u.Written).ToArray();
            questions.Add((expression, left));
        }

        var answers = await SpdxSatisfiesAsync(questions, "deny");
        var disagreements = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (expression, deny) = cases[i];
            var ours = Passes(expression, new LicensePolicy { Enabled = true, Deny = deny });
            if (ours != answers[i])
            {
                disagreements.Add($"{expression} under deny [{string.Join(", ", deny)}]: spdx-satisfies {answers[i]}, PipelineGuard {ours}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.InRange(answers.Count(a => a), 25, 225);
    }

    private static bool Passes(string expression, LicensePolicy policy)
    {
        var parsed = LicenseExpression.Parse(expression);
        Assert.True(parsed is not null, $"the corpus expression {expression} does not parse");
        return new LicenseEvaluator(policy).Evaluate(parsed).Outcome == LicenseOutcome.Allowed;
    }

    private static async Task<List<bool>> SpdxSatisfiesAsync(List<(string Expression, string[] Allow)> questions, string name)
    {
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("spdx-satisfies-" + name), "cases.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(questions.Select(q => new { expression = q.Expression, allow = q.Allow })));
        var run = await NodeInterop.RunAsync("spdx-satisfies.mjs", file);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var answers = JsonDocument.Parse(run.StandardOutput);
        var list = new List<bool>();
        var index = 0;
        foreach (var answer in answers.RootElement.EnumerateArray())
        {
            Assert.True(answer.ValueKind is JsonValueKind.True or JsonValueKind.False, $"spdx-satisfies could not answer for {questions[index].Expression} [{string.Join(", ", questions[index].Allow)}]: {answer}");
            list.Add(answer.GetBoolean());
            index++;
        }

        Assert.Equal(questions.Count, list.Count);
        return list;
    }
}
