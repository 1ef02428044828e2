using System.Text.Json;
using PipelineGuard.Signing;
using PipelineGuard.Signing.Keyless;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Keyless;

/// <summary>Every case of sigstore-keyless/cases.json: real public-good and staging bundles and their mutations, verified offline.</summary>
public sealed class SigstoreKeylessVectorTests
{
    private static string Dir => Path.Combine(RepositoryPaths.Vectors!, "sigstore-keyless");

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        if (RepositoryPaths.Vectors is null)
        {
            data.Add("vectors-absent");
            return data;
        }

        foreach (var item in Cases().RootElement.EnumerateArray())
        {
            data.Add(item.GetProperty("id").GetString()!);
        }

        return data;
    }

    [VectorTheory]
    [MemberData(nameof(CaseIds))]
    public void Each_case_gives_its_documented_outcome(string id)
    {
        var (result, expected, expectError) = Run(id);

        if (expected == "pass")
        {
            Assert.True(result.IsValid, $"{id}: {result.Status.Message}");
            Assert.NotNull(result.Identity);
            Assert.NotEmpty(result.Times);
        }
        else
        {
            Assert.False(result.IsValid, $"{id} should fail ({expectError}) but passed: {result.Status.Message}");
            Assert.NotEqual(VerificationFailure.None, result.Status.Failure);
            Assert.False(string.IsNullOrWhiteSpace(result.Status.Message));
        }
    }

    [VectorTheory]
    [InlineData("N02", VerificationFailure.SignatureMismatch)]
    [InlineData("N04", VerificationFailure.CertificateIdentityMismatch)]
    [InlineData("N05", VerificationFailure.CertificateIdentityMismatch)]
    [InlineData("N06", VerificationFailure.TlogInclusionProofInvalid)]
    [InlineData("N07", VerificationFailure.TlogInclusionProofInvalid)]
    [InlineData("N08", VerificationFailure.TlogCheckpointInvalid)]
    [InlineData("N09", VerificationFailure.TlogCheckpointInvalid)]
    [InlineData("N10", VerificationFailure.TlogInclusionProofInvalid)]
    [InlineData("N11", VerificationFailure.TlogPromiseInvalid)]
    [InlineData("N12", VerificationFailure.TlogPromiseInvalid)]
    [InlineData("N13", VerificationFailure.TlogBodyMismatch)]
    [InlineData("N15", VerificationFailure.SignatureMismatch)]
    [InlineData("N16", VerificationFailure.SignatureMismatch)]
    [InlineData("N18", VerificationFailure.DigestMismatch)]
    [InlineData("N19", VerificationFailure.TimestampInvalid)]
    [InlineData("N20", VerificationFailure.TlogMissing)]
    [InlineData("N21", VerificationFailure.TlogUnknown)]
    [InlineData("R01", VerificationFailure.UntrustedCertificate)]
    [InlineData("R02", VerificationFailure.NoVerifiedTime)]
    [InlineData("R03", VerificationFailure.TlogBodyMismatch)]
    public void Rejections_name_the_check_that_failed(string id, VerificationFailure failure)
    {
        var (result, _, _) = Run(id);

        Assert.Equal(failure, result.Status.Failure);
    }

    [VectorFact]
    public void An_identity_mismatch_shows_the_expected_and_the_found_identity()
    {
        var (result, _, _) = Run("N04");

        Assert.Contains("expected identity 'https://github.com/trailofbits/rfc8785.py/.github/workflows/release.yml@refs/tags/v0.1.3'", result.Status.Message, StringComparison.Ordinal);
        Assert.Contains("found 'https://github.com/trailofbits/rfc8785.py/.github/workflows/release.yml@refs/tags/v0.1.2'", result.Status.Message, StringComparison.Ordinal);
    }

    [VectorFact]
    public void The_github_bundle_reads_its_workflow_claims_and_log_index()
    {
        var (result, _, _) = Run("P13");

        Assert.True(result.IsValid, result.Status.Message);
        Assert.Equal("https://token.actions.githubusercontent.com", result.Identity!.Issuer);
        Assert.Equal("trailofbits/rfc8785.py", result.Identity.GitHub.Repository);
        Assert.Equal("refs/tags/v0.1.2", result.Identity.GitHub.Ref);
        Assert.Equal("release", result.Identity.GitHub.Trigger);
        Assert.Equal(79605083, result.LogIndex);
    }

    [VectorFact]
    public void The_embedded_public_good_root_is_the_published_one()
    {
        var embedded = TrustedRoot.PublicGood;
        var file = TrustedRootReader.ReadFile(Path.Combine(Dir, "trusted-root", "public-good.json")).GetValueOrThrow();

        Assert.Equal(file.TransparencyLogs.Select(l => l.LogIdBase64), embedded.TransparencyLogs.Select(l => l.LogIdBase64));
        Assert.Equal(file.CertificateAuthorities.Count, embedded.CertificateAuthorities.Count);
        Assert.Equal(2, embedded.CtLogs.Count);
        Assert.Single(embedded.TimestampAuthorities);
    }

    private static JsonDocument Cases() => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Dir, "cases.json")));

    private static (KeylessVerification Result, string Expected, string? ExpectError) Run(string id)
    {
        using var cases = Cases();
        var item = cases.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        var bundle = File.ReadAllBytes(Path.Combine(Dir, item.GetProperty("bundle").GetString()!));
        var artifact = item.GetProperty("artifact").ValueKind == JsonValueKind.String ? File.ReadAllBytes(Path.Combine(Dir, item.GetProperty("artifact").GetString()!)) : null;
        var root = TrustedRootReader.ReadFile(Path.Combine(Dir, item.GetProperty("trustedRoot").GetString()!)).GetValueOrThrow();
        var identity = item.GetProperty("identity");
        var policy = identity.ValueKind == JsonValueKind.Object
            ? CertificateIdentityPolicy.Create(identity.GetProperty("san").GetString(), null, identity.GetProperty("issuer").GetString(), null)
            : CertificateIdentityPolicy.Create(null, ".*", null, ".*");
        var result = KeylessVerifier.Verify(bundle, artifact, new KeylessVerificationOptions(root, policy.GetValueOrThrow()));
        var expectError = item.TryGetProperty("expectError", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return (result, item.GetProperty("expect").GetString()!, expectError);
    }
}
