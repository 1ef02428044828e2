using System.Security.Cryptography;
using System.Text;
using PipelineGuard.Signing.Notation;
using PipelineGuard.Signing.Revocation;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Notation;
using Xunit;
using Descriptor = PipelineGuard.Oci.OciDescriptor;
using Digest = PipelineGuard.Oci.Digest;

namespace PipelineGuard.Core.Tests.Signing.Notation;

public sealed class NotationPresetTests
{
    [Fact]
    public void The_microsoft_dotnet_preset_holds_the_two_Microsoft_roots_by_fingerprint()
    {
        var preset = NotationPresets.Find(NotationPresets.MicrosoftDotnet)!;

        var ca = preset.Store.Load(new TrustStoreName("ca", "msft-supplychain"));
        var tsa = preset.Store.Load(new TrustStoreName("tsa", "msft-supplychain"));

        Assert.Null(ca.Problem);
        Assert.Null(tsa.Problem);
        Assert.Equal("23ffe2b8bdb9a1711515d4cffda04bc7f793d513c76c243f1020507d8669b7db", Convert.ToHexStringLower(SHA256.HashData(Assert.Single(ca.Certificates).RawData)));
        Assert.Equal("df545bf919a2439c36983b54cdfc903dfa4f37d3996d8d84b4c31eec6f3c163e", Convert.ToHexStringLower(SHA256.HashData(Assert.Single(tsa.Certificates).RawData)));
        Assert.Empty(preset.Store.Validate(preset.Policy));
    }

    [Fact]
    public void The_preset_is_the_documented_strict_policy_for_the_dotnet_repositories_only()
    {
        var policy = NotationPresets.Find(NotationPresets.MicrosoftDotnet)!.Policy;

        var statement = policy.For("mcr.microsoft.com/dotnet/aspnet")!;
        Assert.Equal(VerificationLevel.Strict, statement.Verification.Level);
        Assert.Empty(statement.Verification.Overrides);
        Assert.Equal(ValidationAction.Enforce, statement.Verification.ActionFor(NotationValidation.Revocation));
        Assert.Equal("CN=Microsoft SCD Products RSA Signing,O=Microsoft Corporation,L=Redmond,ST=Washington,C=US", Assert.Single(statement.TrustedIdentities).ToString());
        Assert.Null(policy.For("mcr.microsoft.com/azure-cli"));
        Assert.Null(NotationPresets.Find("no-such-preset"));
    }

    [Fact]
    public async Task A_signature_by_another_chain_fails_the_preset_in_authenticity()
    {
        using var chain = new NotationTestChain();
        var manifest = Encoding.UTF8.GetBytes("{}");
        var artifact = new Descriptor("application/vnd.oci.image.manifest.v1+json", Digest.Compute(manifest), manifest.Length);
        var envelope = NotationEnvelopeWriter.Sign(NotationEnvelopeWriter.Payload(artifact.MediaType, artifact.Digest.ToString(), artifact.Size), chain.Chain, new NotationSigningOptions { TimestampAuthority = chain.Tsa });
        var preset = NotationPresets.Find(NotationPresets.MicrosoftDotnet)!;

        var result = await new NotationVerifier(preset.Policy, preset.Store, new OfflineRevocationChecker()).VerifyAsync(envelope, NotationEnvelope.CoseMediaType, "mcr.microsoft.com/dotnet/aspnet", artifact);

        Assert.False(result.IsValid);
        Assert.Equal(NotationValidation.Authenticity, result.Validations.Single(v => !v.Passed).Validation);
    }

    [VectorFact]
    public void The_embedded_roots_equal_the_shared_Microsoft_vectors()
    {
        var folder = Path.Combine(RepositoryPaths.Vectors!, "notation", "microsoft");
        var preset = NotationPresets.Find(NotationPresets.MicrosoftDotnet)!;

        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "microsoft-supply-chain-rsa-root-ca-2022.crt")), preset.Store.Load(new TrustStoreName("ca", "msft-supplychain")).Certificates[0].RawData);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "dotnet-images.trustpolicy.json")), File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "PipelineGuard.Core", "Signing", "Notation", "Presets", "microsoft-dotnet.trustpolicy.json")));
    }
}
