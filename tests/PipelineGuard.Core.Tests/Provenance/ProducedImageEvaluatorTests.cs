using System.Text.Json;
using PipelineGuard.Provenance;
using Xunit;

namespace PipelineGuard.Core.Tests.Provenance;

public sealed class ProducedImageEvaluatorTests
{
    private const string Digest = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
    private const string ReleaseKey = "keys/release.pub";
    private static readonly ProducedImageRules Rules = new() { References = ["oci:out:app"], SignatureKeys = [ReleaseKey], SbomAttestationKeys = [ReleaseKey] };

    private static ProducedImageFacts Facts(SignatureEvidence? signatures, params VerifiedAttestation[] attestations) => new()
    {
        Reference = "oci:out:app",
        Digest = Digest,
        Signatures = signatures,
        Attestations = new AttestationEvidence(attestations.Length, attestations),
    };

    private static VerifiedAttestation Sbom(string type, string key) =>
        new(type, [key], [Digest], JsonDocument.Parse("""{"bomFormat":"CycloneDX"}""").RootElement.Clone());

    [Fact]
    public void A_signed_image_with_an_sbom_attestation_passes()
    {
        var checks = ProducedImageEvaluator.Evaluate(Rules, Facts(new SignatureEvidence(1, [ReleaseKey]), Sbom(PredicateTypeNames.CycloneDx, ReleaseKey)));
        Assert.Equal(["PG2001", "PG2002"], checks.Select(c => c.RuleId));
        Assert.All(checks, c => Assert.Equal(CheckOutcome.Pass, c.Outcome));
    }

    [Fact]
    public void An_spdx_attestation_counts_as_an_sbom()
    {
        var checks = ProducedImageEvaluator.Evaluate(Rules, Facts(new SignatureEvidence(1, [ReleaseKey]), Sbom(PredicateTypeNames.Spdx, ReleaseKey)));
        Assert.Equal(CheckOutcome.Pass, checks[1].Outcome);
    }

    [Fact]
    public void An_unsigned_image_without_an_sbom_fails_both_rules()
    {
        var checks = ProducedImageEvaluator.Evaluate(Rules, Facts(new SignatureEvidence(0, [])));
        Assert.All(checks, c => Assert.Equal(CheckOutcome.Fail, c.Outcome));
    }

    [Fact]
    public void An_sbom_signed_by_another_key_fails()
    {
        var checks = ProducedImageEvaluator.Evaluate(Rules, Facts(new SignatureEvidence(1, [ReleaseKey]), Sbom(PredicateTypeNames.CycloneDx, "keys/other.pub")));
        Assert.Equal(CheckOutcome.Fail, checks[1].Outcome);
    }

    [Fact]
    public void An_image_that_cannot_be_resolved_cannot_be_checked()
    {
        var checks = ProducedImageEvaluator.Evaluate(Rules, new ProducedImageFacts { Reference = "oci:out:app", ResolutionError = "no such layout" });
        Assert.All(checks, c => Assert.Equal(CheckOutcome.CouldNotCheck, c.Outcome));
    }
}
