namespace PipelineGuard.Provenance;

/// <summary>Evaluates <see cref="ProducedImageRules"/>: signed by a release key, carrying an SBOM attestation. Pure, fail closed.</summary>
public static class ProducedImageEvaluator
{
    /// <summary>The checks for one produced image.</summary>
    public static IReadOnlyList<RuleCheck> Evaluate(ProducedImageRules rules, ProducedImageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        var checks = new List<RuleCheck>();
        if (rules.RequiresSignature)
        {
            checks.Add(BaseImageEvaluator.CheckSignature(ProvenanceRuleIds.ImageSignature, rules.SignatureAcceptedNames, facts.Digest, facts.ResolutionError, facts.Signatures));
        }

        if (rules.RequiresSbomAttestation)
        {
            var outcomes = rules.SbomPredicateTypes
                .Select(type => BaseImageEvaluator.CheckAttestation(
                    ProvenanceRuleIds.ImageSbomAttestation,
                    new AttestationRequirement { PredicateType = type, Keys = rules.SbomAttestationKeys, Identities = rules.SbomAttestationIdentities },
                    facts.Digest,
                    facts.ResolutionError,
                    facts.Attestations))
                .ToList();
            checks.Add(outcomes.FirstOrDefault(c => c.Outcome == CheckOutcome.Pass)
                ?? outcomes.FirstOrDefault(c => c.Outcome == CheckOutcome.CouldNotCheck)
                ?? outcomes[0]);
        }

        return checks;
    }
}
