using PipelineGuard.Gate;
using PipelineGuard.Licenses;
using PipelineGuard.Sbom;
using Xunit;

namespace PipelineGuard.Core.Tests.Licenses;

public sealed class LicenseEvaluatorTests
{
    private static LicenseVerdict Judge(string expression, string[]? allow = null, string[]? deny = null) =>
        new LicenseEvaluator(new LicensePolicy { Enabled = true, Allow = allow ?? [], Deny = deny ?? [] }).Evaluate([SbomLicense.Expression(expression)]);

    [Theory]
    [InlineData("MIT OR GPL-3.0-only", true)]
    [InlineData("GPL-3.0-only OR MIT", true)]
    [InlineData("MIT AND GPL-3.0-only", false)]
    [InlineData("(MIT OR GPL-3.0-only) AND (Apache-2.0 OR MIT)", true)]
    [InlineData("(MIT OR GPL-3.0-only) AND GPL-3.0-only", false)]
    [InlineData("GPL-3.0-only", false)]
    [InlineData("mit", true)]
    public void Or_is_satisfied_by_one_allowed_branch_and_needs_all_of_an_and(string expression, bool passes)
    {
        Assert.Equal(passes, Judge(expression, allow: ["MIT", "Apache-2.0"]).Outcome == LicenseOutcome.Allowed);
    }

    [Fact]
    public void The_report_names_the_failing_licence_and_the_expression_it_is_in()
    {
        var verdict = Judge("(MIT OR GPL-3.0-only) AND GPL-3.0-only", deny: ["GPL-3.0-only"]);
        Assert.Equal(LicenseOutcome.Denied, verdict.Outcome);
        Assert.Equal("GPL-3.0-only in (MIT OR GPL-3.0-only) AND GPL-3.0-only is denied (licenses.deny: GPL-3.0-only) (no choice of licences avoids it)", verdict.Explanation);

        var both = Judge("GPL-3.0-only OR AGPL-3.0-only", deny: ["copyleft-strong"]);
        Assert.Contains("GPL-3.0-only in GPL-3.0-only OR AGPL-3.0-only is denied (licenses.deny: copyleft-strong)", both.Explanation, StringComparison.Ordinal);
        Assert.Contains("AGPL-3.0-only in GPL-3.0-only OR AGPL-3.0-only is denied", both.Explanation, StringComparison.Ordinal);

        Assert.Equal("LGPL-2.1-only is not allowed (licenses.allow does not name it)", Judge("LGPL-2.1-only", allow: ["MIT"]).Explanation);
    }

    [Theory]
    [InlineData("GPL-2.0-or-later", new[] { "GPL-2.0-only" }, true)]
    [InlineData("GPL-2.0+", new[] { "GPL-2.0-only", "GPL-3.0-only" }, false)]
    [InlineData("GPL-2.0-or-later", new[] { "GPL-2.0-or-later" }, false)]
    [InlineData("GPL-3.0-or-later", new[] { "GPL-2.0-or-later" }, false)]
    [InlineData("GPL-2.0-only", new[] { "GPL-3.0-only" }, true)]
    [InlineData("GPL-2.0", new[] { "GPL-2.0-only" }, false)]
    [InlineData("LGPL-2.1-or-later", new[] { "copyleft-weak" }, false)]
    [InlineData("MPL-2.0 OR LGPL-3.0-only", new[] { "copyleft-weak" }, false)]
    [InlineData("AGPL-3.0-only", new[] { "copyleft-network" }, false)]
    [InlineData("AGPL-3.0-only", new[] { "copyleft-strong" }, false)]
    [InlineData("GPL-3.0-only", new[] { "copyleft-network" }, true)]
    [InlineData("LGPL-3.0-only", new[] { "copyleft-strong" }, true)]
    [InlineData("MIT", new[] { "copyleft" }, true)]
    public void Or_later_passes_a_deny_list_when_some_later_version_is_not_denied(string expression, string[] deny, bool passes)
    {
        Assert.Equal(passes, Judge(expression, deny: deny).Outcome == LicenseOutcome.Allowed);
    }

    [Theory]
    [InlineData("GPL-2.0-or-later", new[] { "GPL-3.0-only" }, true)]
    [InlineData("GPL-3.0-only", new[] { "GPL-2.0-or-later" }, true)]
    [InlineData("GPL-2.0-only", new[] { "GPL-2.0-or-later" }, true)]
    [InlineData("GPL-2.0-only", new[] { "GPL-3.0-or-later" }, false)]
    [InlineData("Apache-1.1+", new[] { "Apache-2.0" }, true)]
    // Where spdx-satisfies 6.0.0 answers otherwise (LicenseCorpus says why): the SPDX meaning is kept.
    [InlineData("LGPL-2.1", new[] { "LGPL-3.0-only" }, false)]
    [InlineData("EUPL-1.1+", new[] { "EUPL-1.2" }, true)]
    [InlineData("MPL-1.1+", new[] { "MPL-2.0-no-copyleft-exception" }, false)]
    public void Or_later_reaches_later_versions_of_the_same_licence(string expression, string[] allow, bool passes)
    {
        Assert.Equal(passes, Judge(expression, allow: allow).Outcome == LicenseOutcome.Allowed);
    }

    [Fact]
    public void With_an_exception_is_its_own_licence_for_allow_and_covered_by_a_plain_deny()
    {
        const string Classpath = "GPL-2.0-only WITH Classpath-exception-2.0";
        Assert.Equal(LicenseOutcome.Denied, Judge(Classpath, allow: ["GPL-2.0-only"]).Outcome);
        Assert.Equal(LicenseOutcome.Allowed, Judge(Classpath, allow: [Classpath]).Outcome);
        Assert.Equal(LicenseOutcome.Allowed, Judge(Classpath, allow: ["GPL-2.0-or-later WITH Classpath-exception-2.0"]).Outcome);
        Assert.Equal(LicenseOutcome.Denied, Judge("GPL-2.0-only", allow: [Classpath]).Outcome);
        Assert.Equal(LicenseOutcome.Denied, Judge(Classpath, deny: ["GPL-2.0-only"]).Outcome);
        Assert.Equal(LicenseOutcome.Denied, Judge(Classpath, deny: [Classpath]).Outcome);
        Assert.Equal(LicenseOutcome.Allowed, Judge("GPL-2.0-only", deny: [Classpath]).Outcome);
        Assert.Equal(LicenseOutcome.Allowed, Judge(Classpath, deny: ["GPL-2.0-only WITH LLVM-exception"]).Outcome);
    }

    [Fact]
    public void Missing_named_reference_and_malformed_licences_are_unknown_never_allowed()
    {
        var evaluator = new LicenseEvaluator(new LicensePolicy { Enabled = true, Deny = ["GPL-3.0-only"] });
        Assert.Equal(LicenseOutcome.Unknown, evaluator.Evaluate([]).Outcome);
        Assert.Equal(LicenseOutcome.Unknown, evaluator.Evaluate([SbomLicense.Named("See LICENSE.txt in the package")]).Outcome);
        Assert.Equal(LicenseOutcome.Unknown, evaluator.Evaluate([SbomLicense.Named("https://example.com/license", "https://example.com/license")]).Outcome);
        Assert.Equal(LicenseOutcome.Unknown, evaluator.Evaluate([SbomLicense.Expression("LicenseRef-Proprietary")]).Outcome);
        var malformed = evaluator.Evaluate([SbomLicense.Expression("MIT OR OR Apache-2.0")]);
        Assert.Equal(LicenseOutcome.Unknown, malformed.Outcome);
        Assert.Contains("'MIT OR OR Apache-2.0' is not a valid SPDX licence expression", malformed.Explanation, StringComparison.Ordinal);
        Assert.Equal(LicenseOutcome.Unknown, evaluator.Evaluate([SbomLicense.Expression("(MIT")]).Outcome);

        // Three-valued: a known acceptable choice wins, a known denied operand of an AND loses.
        Assert.Equal(LicenseOutcome.Allowed, Judge("MIT OR LicenseRef-Proprietary", deny: ["GPL-3.0-only"]).Outcome);
        Assert.Equal(LicenseOutcome.Unknown, Judge("MIT AND LicenseRef-Proprietary", deny: ["GPL-3.0-only"]).Outcome);
        Assert.Equal(LicenseOutcome.Denied, Judge("GPL-3.0-only AND LicenseRef-Proprietary", deny: ["GPL-3.0-only"]).Outcome);
        Assert.Equal(LicenseOutcome.Unknown, Judge("GPL-3.0-only OR LicenseRef-Proprietary", deny: ["GPL-3.0-only"]).Outcome);

        // A reference the policy names is judged like any licence.
        Assert.Equal(LicenseOutcome.Allowed, Judge("LicenseRef-Corp", allow: ["LicenseRef-Corp"]).Outcome);
        Assert.Equal(LicenseOutcome.Denied, Judge("LicenseRef-Corp", deny: ["LicenseRef-Corp"]).Outcome);
    }

    [Fact]
    public void Deeply_nested_parentheses_are_an_unknown_licence_not_a_stack_overflow()
    {
        var deep = new string('(', 100_000) + "MIT" + new string(')', 100_000);
        Assert.False(SpdxExpression.IsValid(deep));
        Assert.Equal(LicenseOutcome.Unknown, Judge(deep, allow: ["MIT"]).Outcome);

        var nested = string.Concat(Enumerable.Repeat("(MIT OR ", SpdxExpression.MaxDepth)) + "MIT" + new string(')', SpdxExpression.MaxDepth);
        Assert.Equal(LicenseOutcome.Allowed, Judge(nested, allow: ["MIT"]).Outcome);
    }

    [Fact]
    public void Several_licences_of_one_component_are_all_required()
    {
        var evaluator = new LicenseEvaluator(new LicensePolicy { Enabled = true, Allow = ["MIT"] });
        Assert.Equal(LicenseOutcome.Denied, evaluator.Evaluate([SbomLicense.SpdxId("MIT"), SbomLicense.SpdxId("GPL-3.0-only")]).Outcome);
        Assert.Equal(LicenseOutcome.Allowed, evaluator.Evaluate([SbomLicense.SpdxId("MIT")]).Outcome);
    }

    [Fact]
    public void The_parser_accepts_exactly_what_the_validator_accepts()
    {
        var expressions = LicenseCorpus.AllowCases(200, seed: 7).Select(c => c.Expression)
            .Concat(["", "MIT OR", "(MIT", "MIT and Apache-2.0", "MIT WITH", "GPL-2.0-only WITH Nope", "LicenseRef-", "Not-A-License", "MIT)", "()", "MIT OR (Apache-2.0 AND (ISC OR BSD-3-Clause))"]);
        foreach (var expression in expressions)
        {
            Assert.True(SpdxExpression.IsValid(expression) == (LicenseExpression.Parse(expression) is not null), expression);
        }
    }

    [Fact]
    public void Families_list_only_spdx_licences_without_only_or_later()
    {
        foreach (var name in LicenseFamilies.Names)
        {
            foreach (var member in LicenseFamilies.Find(name)!)
            {
                Assert.Equal(member, LicenseLeaf.From(member, null).Licence);
                Assert.True(SpdxLicenseList.IsLicenseId(member) || SpdxLicenseList.IsLicenseId(member + "-only"), $"{name}: {member} is not an SPDX licence id");
            }
        }

        Assert.Superset(LicenseFamilies.Find("copyleft-network")!.ToHashSet(), LicenseFamilies.Find("copyleft-strong")!.ToHashSet());
    }

    [Fact]
    public void Version_lines_follow_the_spdx_list()
    {
        Assert.Equal(["GPL-1.0", "GPL-2.0", "GPL-3.0"], LicenseVersionLines.LineOf("GPL-2.0"));
        Assert.Equal(["LGPL-2.0", "LGPL-2.1", "LGPL-3.0"], LicenseVersionLines.LineOf("LGPL-3.0"));
        Assert.Equal(["LPPL-1.0", "LPPL-1.1", "LPPL-1.2", "LPPL-1.3a", "LPPL-1.3c"], LicenseVersionLines.LineOf("LPPL-1.2"));
        Assert.Equal(["CC-BY-SA-1.0", "CC-BY-SA-2.0", "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-4.0"], LicenseVersionLines.LineOf("CC-BY-SA-3.0"));
        Assert.Equal(["MIT"], LicenseVersionLines.LineOf("MIT"));
        Assert.Equal(["CC-BY-3.0-US"], LicenseVersionLines.LineOf("CC-BY-3.0-US"));
    }
}
