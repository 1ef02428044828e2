using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

/// <summary>A policy's predicate types go through the one short-name table, as attest's --type does.</summary>
public sealed class PolicyPredicateTypeTests
{
    [Fact]
    public void Short_names_in_type_and_sbom_types_resolve_to_their_uris()
    {
        // type: slsaprovenance1 was compared as written with the statement's URI, so it never matched.
        var loaded = PolicyLoader.Parse("version: 1\nbaseImages:\n  attestations:\n    - type: slsaprovenance1\n      keys: [k.pub]\nimages:\n  sbomAttestation:\n    keys: [k.pub]\n    types: [cyclonedx, spdxjson]\n", "pipelineguard.yaml", "/repo");
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        Assert.Equal(PredicateTypeNames.SlsaV1, Assert.Single(loaded.Policy!.BaseImages.Attestations).PredicateType);
        Assert.Equal([PredicateTypeNames.CycloneDx, PredicateTypeNames.Spdx], loaded.Policy.Images.SbomPredicateTypes);
    }

    [Fact]
    public void An_unknown_short_name_is_an_error_naming_the_field()
    {
        var loaded = PolicyLoader.Parse("version: 1\nbaseImages:\n  attestations:\n    - type: slsa1\n      keys: [k.pub]\n", "pipelineguard.yaml", "/repo");
        var problem = Assert.Single(loaded.Diagnostics);
        Assert.Equal("baseImages.attestations[0].type", problem.Field);
        Assert.Contains("'slsa1' is neither a known predicate type", problem.Message, StringComparison.Ordinal);
    }
}
