using System.Globalization;

namespace PipelineGuard.Provenance;

/// <summary>
/// Evaluates <see cref="BaseImageRules"/> against <see cref="BaseImageFacts"/>: a pure function, no I/O.
/// Evidence that is missing (unresolved digest, unreadable signatures, unknown age) gives
/// <see cref="CheckOutcome.CouldNotCheck"/>, never a pass.
/// </summary>
public static class BaseImageEvaluator
{
    /// <summary>Checks <paramref name="facts"/> against every rule <paramref name="rules"/> switches on, at time <paramref name="now"/>.</summary>
    public static BaseImageAssessment Evaluate(BaseImageRules rules, BaseImageFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.IsScratch)
        {
            return new BaseImageAssessment(facts, []);
        }

        if (facts.Repository.Length == 0)
        {
            // The reference itself is unusable (a build argument without default, bad syntax): nothing can be checked.
            var why = $"Could not check {facts.Written}: {facts.ResolutionError ?? "not an image reference"}.";
            return new BaseImageAssessment(facts, EnabledRules(rules).Select(id => RuleCheck.Unknown(id, why)).ToList());
        }

        return new BaseImageAssessment(facts, BaseImageRuleCatalog.All
            .Where(rule => rule.IsOn(rules))
            .SelectMany(rule => rule.Evaluate(rules, facts, now))
            .ToList());
    }

    private static IEnumerable<string> EnabledRules(BaseImageRules rules) =>
        BaseImageRuleCatalog.All.SelectMany(rule => Enumerable.Repeat(rule.Descriptor.Id, rule.Checks(rules)));

    /// <summary>The allowed-registry rule.</summary>
    internal static RuleCheck CheckRegistry(BaseImageRules rules, BaseImageFacts facts) =>
        WildcardPattern.IsMatchAny(rules.AllowedRegistries, facts.Registry)
            ? RuleCheck.Passed(ProvenanceRuleIds.AllowedRegistry, $"Registry {facts.Registry} is allowed.", $"registry: {facts.Registry}")
            : RuleCheck.Failed(ProvenanceRuleIds.AllowedRegistry, $"Registry {facts.Registry} is not allowed; use an image from {Join(rules.AllowedRegistries)}.", $"registry: {facts.Registry}");

    /// <summary>The allowed-repository rule.</summary>
    internal static RuleCheck CheckRepository(BaseImageRules rules, BaseImageFacts facts) =>
        WildcardPattern.IsMatchAny(rules.AllowedRepositories, facts.Name)
            ? RuleCheck.Passed(ProvenanceRuleIds.AllowedRepository, $"Repository {facts.Name} is allowed.", $"repository: {facts.Name}")
            : RuleCheck.Failed(ProvenanceRuleIds.AllowedRepository, $"Repository {facts.Name} is not allowed; allowed repositories are {Join(rules.AllowedRepositories)}.", $"repository: {facts.Name}");

    /// <summary>The digest the evidence is about: as written, else as resolved.</summary>
    internal static string? Digest(BaseImageFacts facts) => facts.WrittenDigest ?? facts.ResolvedDigest;

    internal static RuleCheck CheckDigest(BaseImageFacts facts)
    {
        if (facts.WrittenDigest is { } written)
        {
            return RuleCheck.Passed(ProvenanceRuleIds.RequireDigest, $"Pinned to {written}.", $"digest: {written}");
        }

        var hint = facts.ResolvedDigest is { } resolved
            ? $" It currently resolves to {resolved}: run 'pipelineguard pin --write' to pin it."
            : " Run 'pipelineguard pin --write' to pin it.";
        return RuleCheck.Failed(ProvenanceRuleIds.RequireDigest, $"Not pinned by digest; a tag can be moved to other content.{hint}", $"written: {facts.Written}");
    }

    internal static RuleCheck CheckDeniedImage(BaseImageRules rules, BaseImageFacts facts)
    {
        var forms = new List<string> { facts.Name };
        if (EffectiveTag(facts) is { } tag)
        {
            forms.Add($"{facts.Name}:{tag}");
        }

        if (Digest(facts) is { } digest)
        {
            forms.Add($"{facts.Name}@{digest}");
        }

        foreach (var pattern in rules.DeniedImages)
        {
            if (forms.FirstOrDefault(f => WildcardPattern.IsMatch(pattern, f)) is { } hit)
            {
                return RuleCheck.Failed(ProvenanceRuleIds.DeniedImage, $"{hit} is on the deny list (pattern '{pattern}'); choose another base image.", $"image: {hit}", $"pattern: {pattern}");
            }
        }

        return RuleCheck.Passed(ProvenanceRuleIds.DeniedImage, $"{facts.Name} is not on the deny list.", $"image: {facts.Name}");
    }

    internal static RuleCheck CheckDeniedTag(BaseImageRules rules, BaseImageFacts facts)
    {
        if (EffectiveTag(facts) is not { } tag)
        {
            return RuleCheck.Passed(ProvenanceRuleIds.DeniedTag, "Referenced by digest only, no tag.", $"digest: {facts.WrittenDigest}");
        }

        var pattern = rules.DeniedTags.FirstOrDefault(p => WildcardPattern.IsMatch(p, tag));
        return pattern is null
            ? RuleCheck.Passed(ProvenanceRuleIds.DeniedTag, $"Tag {tag} is allowed.", $"tag: {tag}")
            : RuleCheck.Failed(ProvenanceRuleIds.DeniedTag, $"Tag {tag} is denied (pattern '{pattern}'){(facts.Tag is null ? ", and an image with neither tag nor digest means 'latest'" : string.Empty)}; use a versioned tag pinned by digest.", $"tag: {tag}", $"pattern: {pattern}");
    }

    /// <summary>The tag in force: as written, or <c>latest</c> when neither tag nor digest is written.</summary>
    private static string? EffectiveTag(BaseImageFacts facts) => facts.Tag ?? (facts.WrittenDigest is null ? "latest" : null);

    internal static RuleCheck CheckAge(int maxAgeDays, BaseImageFacts facts, DateTimeOffset now)
    {
        if (facts.Created is not { } created)
        {
            var why = facts.ConfigError ?? (Digest(facts) is null ? $"the image could not be resolved ({facts.ResolutionError ?? "no digest"})" : "the config was not read");
            return RuleCheck.Unknown(ProvenanceRuleIds.MaxAge, $"Could not tell the image's age: {why}.");
        }

        var age = now - created;
        var days = Math.Floor(age.TotalDays).ToString(CultureInfo.InvariantCulture);
        var evidence = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"created: {created.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
        return age <= TimeSpan.FromDays(maxAgeDays)
            ? RuleCheck.Passed(ProvenanceRuleIds.MaxAge, $"Built {days} days ago (limit {maxAgeDays}).", evidence)
            : RuleCheck.Failed(ProvenanceRuleIds.MaxAge, $"Built {days} days ago, more than the {maxAgeDays} allowed; move to a fresh build of the base image.", evidence);
    }

    /// <summary>The signature rule for a digest: a valid signature by one of <paramref name="keys"/>.</summary>
    internal static RuleCheck CheckSignature(string ruleId, IReadOnlyList<string> keys, string? digest, string? resolutionError, SignatureEvidence? evidence)
    {
        if (digest is null)
        {
            return RuleCheck.Unknown(ruleId, $"Could not check signatures: the image could not be resolved to a digest ({resolutionError ?? "no digest"}).");
        }

        if (evidence is null)
        {
            return RuleCheck.Unknown(ruleId, resolutionError is null ? $"Signatures for {digest} were not checked." : $"Could not check signatures for {digest}: {resolutionError}.", $"digest: {digest}");
        }

        if (evidence.Error is { } error)
        {
            return RuleCheck.Unknown(ruleId, $"Could not check signatures for {digest}: {error}.", $"digest: {digest}");
        }

        var trusted = evidence.VerifiedBy.Where(k => keys.Contains(k, StringComparer.Ordinal)).ToList();
        if (trusted.Count > 0)
        {
            return RuleCheck.Passed(ruleId, $"Signed by {Join(trusted)}.", [$"digest: {digest}", .. trusted.Select(k => $"signature verified with {k}")]);
        }

        var problems = evidence.Problems is { Count: > 0 } p ? $" ({string.Join("; ", p)})" : string.Empty;
        return evidence.Found == 0
            ? RuleCheck.Failed(ruleId, $"No signature is stored for {digest}; it must be signed by {Join(keys)}.", $"digest: {digest}")
            : RuleCheck.Failed(ruleId, $"{evidence.Found} signature(s) for {digest}, none valid for a trusted key{problems}; it must be signed by {Join(keys)}.", $"digest: {digest}");
    }

    /// <summary>The attestation rule for a digest: a statement of the type, signed by a trusted key, about the digest, meeting the conditions.</summary>
    internal static RuleCheck CheckAttestation(string ruleId, AttestationRequirement requirement, string? digest, string? resolutionError, AttestationEvidence? evidence)
    {
        var type = requirement.PredicateType;
        if (digest is null)
        {
            return RuleCheck.Unknown(ruleId, $"Could not check {type} attestations: the image could not be resolved to a digest ({resolutionError ?? "no digest"}).");
        }

        if (evidence is null)
        {
            return RuleCheck.Unknown(ruleId, resolutionError is null ? $"Attestations for {digest} were not checked." : $"Could not check {type} attestations for {digest}: {resolutionError}.", $"digest: {digest}");
        }

        if (evidence.Error is { } error)
        {
            return RuleCheck.Unknown(ruleId, $"Could not check attestations for {digest}: {error}.", $"digest: {digest}");
        }

        var ofType = evidence.Verified.Where(a => a.PredicateType == type).ToList();
        if (ofType.Count == 0)
        {
            var problems = evidence.Problems is { Count: > 0 } p ? $" ({string.Join("; ", p)})" : string.Empty;
            return RuleCheck.Failed(ruleId, $"No verified {type} attestation for {digest} ({evidence.Found} attestation(s) stored{problems}).", $"digest: {digest}");
        }

        var trusted = ofType.Where(a => a.SignedBy.Any(k => requirement.Keys.Contains(k, StringComparer.Ordinal))).ToList();
        if (trusted.Count == 0)
        {
            return RuleCheck.Failed(ruleId, $"The {type} attestation for {digest} is not signed by a trusted key; it must be signed by {Join(requirement.Keys)}.", $"digest: {digest}");
        }

        var about = trusted.Where(a => a.SubjectDigests.Contains(digest, StringComparer.OrdinalIgnoreCase)).ToList();
        if (about.Count == 0)
        {
            return RuleCheck.Failed(ruleId, $"The {type} attestation is about {Join(trusted.SelectMany(a => a.SubjectDigests).Distinct())}, not {digest}.", $"digest: {digest}");
        }

        string? lastReason = null;
        var lastEvidence = new List<string>();
        foreach (var attestation in about)
        {
            var fields = SlsaProvenanceFields.Read(attestation.Predicate);
            var found = new List<string> { $"digest: {digest}", $"{type} signed by {Join(attestation.SignedBy)}" };
            if (fields.BuilderId is { } b)
            {
                found.Add($"builder: {b}");
            }

            if (fields.SourceRepository is { } s)
            {
                found.Add($"source: {s}");
            }

            if (requirement.BuilderIds.Count > 0 && (fields.BuilderId is null || !requirement.BuilderIds.Contains(fields.BuilderId, StringComparer.Ordinal)))
            {
                lastReason = fields.BuilderId is null
                    ? $"The {type} attestation names no builder id; trusted builders are {Join(requirement.BuilderIds)}."
                    : $"Builder {fields.BuilderId} is not trusted; trusted builders are {Join(requirement.BuilderIds)}.";
                lastEvidence = found;
                continue;
            }

            if (requirement.SourceRepositoryPrefixes.Count > 0 && (fields.SourceRepository is null || !requirement.SourceRepositoryPrefixes.Any(p => fields.SourceRepository.StartsWith(p, StringComparison.Ordinal))))
            {
                lastReason = fields.SourceRepository is null
                    ? $"The {type} attestation names no source repository; it must come from {Join(requirement.SourceRepositoryPrefixes)}."
                    : $"Source {fields.SourceRepository} is not under {Join(requirement.SourceRepositoryPrefixes)}.";
                lastEvidence = found;
                continue;
            }

            return new RuleCheck(ruleId, CheckOutcome.Pass, $"{type} attestation signed by {Join(attestation.SignedBy.Where(k => requirement.Keys.Contains(k, StringComparer.Ordinal)))}{(fields.BuilderId is null ? string.Empty : $", built by {fields.BuilderId}")}.", found);
        }

        return new RuleCheck(ruleId, CheckOutcome.Fail, lastReason!, lastEvidence);
    }

    private static string Join(IEnumerable<string> items) => string.Join(", ", items);
}
