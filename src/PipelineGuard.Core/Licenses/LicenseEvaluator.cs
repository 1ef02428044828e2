using PipelineGuard.Gate;
using PipelineGuard.Sbom;

namespace PipelineGuard.Licenses;

/// <summary>How a component's licence fares under the policy.</summary>
internal enum LicenseOutcome
{
    /// <summary>Some choice of licences is acceptable.</summary>
    Allowed,

    /// <summary>Every choice uses a licence that is denied or not allowed.</summary>
    Denied,

    /// <summary>No acceptable choice is known, but one depends on a licence that cannot be judged (missing, not SPDX, LicenseRef).</summary>
    Unknown,
}

/// <summary>The outcome for one component's licences and, unless allowed, why.</summary>
internal sealed record LicenseVerdict(LicenseOutcome Outcome, string Explanation);

/// <summary>
/// Judges licence expressions under a <see cref="LicensePolicy"/>. A licence is acceptable when the allow list (if
/// any) names it and no deny entry covers it; <c>AND</c> needs every operand acceptable and <c>OR</c> one (the user
/// chooses), in three-valued logic where a licence that cannot be judged is unknown. So <c>MIT OR GPL-3.0-only</c>
/// passes <c>allow: [MIT]</c>, and <c>MIT AND GPL-3.0-only</c> fails <c>deny: [GPL-3.0-only]</c>.
/// </summary>
/// <remarks>
/// For the allow list this is what the npm package spdx-satisfies computes (the interop tests compare the two): an
/// allowed entry matches a licence with the same exception (or none) whose choices overlap, where or-later reaches the
/// later versions of the licence (<see cref="LicenseVersionLines"/>). The deny list is the mirror image: a licence is
/// denied when every licence it lets the user choose is denied, so <c>GPL-2.0-or-later</c> is not denied by
/// <c>deny: [GPL-2.0-only]</c> (GPL-3.0 may be chosen). A deny entry without <c>WITH</c> covers the licence with any
/// exception; one with <c>WITH</c> only that combination.
/// </remarks>
internal sealed class LicenseEvaluator
{
    private readonly List<LicenseLeaf> _allow = [];
    private readonly List<(string Written, LicenseLeaf? Leaf, IReadOnlySet<string>? Family)> _deny = [];

    /// <summary>An evaluator for <paramref name="policy"/>; entries that are neither licences nor families are ignored (the policy loader reports them).</summary>
    public LicenseEvaluator(LicensePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var entry in policy.Allow)
        {
            if (LicenseExpression.ParseLeaf(entry) is { } leaf)
            {
                _allow.Add(leaf);
            }
        }

        foreach (var entry in policy.Deny)
        {
            if (LicenseFamilies.Find(entry) is { } family)
            {
                _deny.Add((entry, null, family));
            }
            else if (LicenseExpression.ParseLeaf(entry) is { } leaf)
            {
                _deny.Add((entry, leaf, null));
            }
        }
    }

    /// <summary>The verdict on a component's licences: several are all required (AND); a name or URL is unknown.</summary>
    public LicenseVerdict Evaluate(IReadOnlyList<SbomLicense> licenses)
    {
        ArgumentNullException.ThrowIfNull(licenses);
        if (licenses.Count == 0)
        {
            return new LicenseVerdict(LicenseOutcome.Unknown, "no licence is declared");
        }

        var parts = new List<LicenseExpression>();
        foreach (var license in licenses)
        {
            if (license.Kind == SbomLicenseKind.Named)
            {
                return new LicenseVerdict(LicenseOutcome.Unknown, $"the licence '{license.Value}' is not an SPDX licence expression");
            }

            if (LicenseExpression.Parse(license.Value) is not { } parsed)
            {
                return new LicenseVerdict(LicenseOutcome.Unknown, $"'{license.Value}' is not a valid SPDX licence expression");
            }

            parts.Add(parsed);
        }

        return Evaluate(parts.Count == 1 ? parts[0] : new LicenseConjunction(parts));
    }

    /// <summary>The verdict on one expression.</summary>
    public LicenseVerdict Evaluate(LicenseExpression expression)
    {
        var outcome = Judge(expression);
        if (outcome == LicenseOutcome.Allowed)
        {
            return new LicenseVerdict(outcome, string.Empty);
        }

        // The leaves that make it fail: every failing operand of an AND, every operand of an OR (all fail).
        var culprits = new List<(LicenseLeaf Leaf, string Reason)>();
        Collect(expression, outcome, culprits);
        var compound = expression is not LicenseLeaf;
        var reasons = culprits
            .DistinctBy(c => c.Leaf.Text, StringComparer.Ordinal)
            .Select(c => compound ? $"{c.Leaf.Text} in {expression.Text} {c.Reason}" : $"{c.Leaf.Text} {c.Reason}");
        var text = string.Join("; ", reasons);
        if (expression is LicenseChoice || (expression is LicenseConjunction conjunction && conjunction.Operands.Any(o => o is LicenseChoice)))
        {
            text += outcome == LicenseOutcome.Denied ? " (no choice of licences avoids it)" : " (no choice of licences is known to be acceptable)";
        }

        return new LicenseVerdict(outcome, text);
    }

    private LicenseOutcome Judge(LicenseExpression expression) => expression switch
    {
        LicenseLeaf leaf => JudgeLeaf(leaf).Outcome,
        LicenseConjunction all => all.Operands.Select(Judge).Aggregate(LicenseOutcome.Allowed, (a, b) => a == LicenseOutcome.Denied || b == LicenseOutcome.Denied ? LicenseOutcome.Denied : a == LicenseOutcome.Unknown || b == LicenseOutcome.Unknown ? LicenseOutcome.Unknown : LicenseOutcome.Allowed),
        LicenseChoice any => any.Operands.Select(Judge).Aggregate(LicenseOutcome.Denied, (a, b) => a == LicenseOutcome.Allowed || b == LicenseOutcome.Allowed ? LicenseOutcome.Allowed : a == LicenseOutcome.Unknown || b == LicenseOutcome.Unknown ? LicenseOutcome.Unknown : LicenseOutcome.Denied),
        _ => LicenseOutcome.Unknown,
    };

    private void Collect(LicenseExpression expression, LicenseOutcome outcome, List<(LicenseLeaf, string)> culprits)
    {
        switch (expression)
        {
            case LicenseLeaf leaf:
                var (judged, reason) = JudgeLeaf(leaf);
                if (judged == outcome || (outcome == LicenseOutcome.Unknown && judged != LicenseOutcome.Allowed))
                {
                    culprits.Add((leaf, reason));
                }

                break;
            case LicenseConjunction all:
                foreach (var operand in all.Operands.Where(o => Judge(o) == outcome))
                {
                    Collect(operand, outcome, culprits);
                }

                break;
            case LicenseChoice any:
                foreach (var operand in any.Operands)
                {
                    Collect(operand, outcome, culprits);
                }

                break;
        }
    }

    private (LicenseOutcome Outcome, string Reason) JudgeLeaf(LicenseLeaf leaf)
    {
        var permitted = LicenseVersionLines.Permitted(leaf);
        if (_deny.Count > 0)
        {
            var deniedBy = new List<string>();
            foreach (var licence in permitted)
            {
                var entry = _deny.FirstOrDefault(d => Denies(d.Leaf, d.Family, licence, leaf.Exception));
                if (entry.Written is null)
                {
                    deniedBy.Clear();
                    break;
                }

                if (!deniedBy.Contains(entry.Written, StringComparer.Ordinal))
                {
                    deniedBy.Add(entry.Written);
                }
            }

            if (deniedBy.Count > 0)
            {
                return (LicenseOutcome.Denied, $"is denied (licenses.deny: {string.Join(", ", deniedBy)})");
            }
        }

        if (_allow.Count > 0 && !_allow.Exists(a => Allows(a, leaf, permitted)))
        {
            return leaf.IsReference
                ? (LicenseOutcome.Unknown, "is a licence reference the policy does not name")
                : (LicenseOutcome.Denied, "is not allowed (licenses.allow does not name it)");
        }

        return leaf.IsReference && _allow.Count == 0
            ? (LicenseOutcome.Unknown, "is a licence reference the policy does not name")
            : (LicenseOutcome.Allowed, string.Empty);
    }

    private static bool Allows(LicenseLeaf allowed, LicenseLeaf leaf, IReadOnlyList<string> permitted)
    {
        if (!string.Equals(allowed.Exception, leaf.Exception, StringComparison.OrdinalIgnoreCase) || allowed.IsReference != leaf.IsReference)
        {
            return false;
        }

        var choices = LicenseVersionLines.Permitted(allowed);
        return permitted.Any(p => choices.Contains(p, StringComparer.OrdinalIgnoreCase));
    }

    private static bool Denies(LicenseLeaf? denied, IReadOnlySet<string>? family, string licence, string? exception)
    {
        if (family is not null)
        {
            return family.Contains(licence);
        }

        return denied is not null
            && (denied.Exception is null || string.Equals(denied.Exception, exception, StringComparison.OrdinalIgnoreCase))
            && LicenseVersionLines.Permitted(denied).Contains(licence, StringComparer.OrdinalIgnoreCase);
    }
}
