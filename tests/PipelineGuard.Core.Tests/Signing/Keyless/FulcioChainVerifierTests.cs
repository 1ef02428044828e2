using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Keyless;
using PipelineGuard.Testing.Pki;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Keyless;

/// <summary>
/// The Fulcio chain's path validation (done here rather than by X509Chain): each check that the platform chain builder
/// made must still refuse what it refused, and a good path must still verify and name the leaf's issuer.
/// </summary>
public sealed class FulcioChainVerifierTests : IDisposable
{
    private static readonly DateTimeOffset SigningTime = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly X509Certificate2 root = TestPki.Issue(CertificateProfile.Authority("CN=Fulcio Test Root,O=PipelineGuard Tests"));
    private readonly X509Certificate2 intermediate;

    public FulcioChainVerifierTests() =>
        intermediate = TestPki.Issue(CertificateProfile.Authority("CN=Fulcio Test Intermediate,O=PipelineGuard Tests"), root);

    public void Dispose()
    {
        root.Dispose();
        intermediate.Dispose();
    }

    private static TrustedRoot Root(params X509Certificate2[] chain) =>
        new("test root", [], [new CertificateAuthority("https://fulcio.test", chain.Select(TestPki.PublicOnly).ToList(), new ValidityPeriod(DateTimeOffset.MinValue, null))], [], []);

    private X509Certificate2 Leaf(X509Certificate2? issuer = null, Action<CertificateRequest>? extend = null, DateTimeOffset? notAfter = null)
    {
        issuer ??= intermediate;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false));
        extend?.Invoke(request);
        using var issuerKey = TestPki.PrivateKey(issuer) as RSA;
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey!, RSASignaturePadding.Pkcs1), SigningTime.AddMinutes(-5), notAfter ?? SigningTime.AddMinutes(5), [0x11, 0x22, 0x33]);
    }

    [Fact]
    public void A_leaf_issued_by_the_intermediate_verifies_and_names_its_issuer()
    {
        using var leaf = Leaf();
        var (issuer, status) = FulcioChainVerifier.Verify(leaf, Root(intermediate, root), [SigningTime]);
        Assert.True(status.IsValid, status.Message);
        Assert.Equal(intermediate.Thumbprint, issuer!.Thumbprint);
    }

    [Fact]
    public void A_leaf_whose_issuer_name_matches_but_key_does_not_is_refused()
    {
        using var impostor = TestPki.Issue(CertificateProfile.Authority("CN=Fulcio Test Intermediate,O=PipelineGuard Tests"), root);
        using var leaf = Leaf(impostor);
        var (issuer, status) = FulcioChainVerifier.Verify(leaf, Root(intermediate, root), [SigningTime]);
        Assert.Null(issuer);
        Assert.Contains("does not verify", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leaf_with_an_unknown_critical_extension_is_refused()
    {
        using var leaf = Leaf(extend: r => r.CertificateExtensions.Add(new X509Extension("1.2.3.4.5", [0x05, 0x00], true)));
        var (_, status) = FulcioChainVerifier.Verify(leaf, Root(intermediate, root), [SigningTime]);
        Assert.False(status.IsValid);
        Assert.Contains("unsupported critical extension 1.2.3.4.5", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intermediate_that_is_not_a_CA_is_refused()
    {
        using var notCa = TestPki.Issue(new CertificateProfile("CN=Not A CA,O=PipelineGuard Tests") { ExtendedKeyUsages = null }, root);
        using var leaf = Leaf(notCa);
        var (_, status) = FulcioChainVerifier.Verify(leaf, Root(notCa, root), [SigningTime]);
        Assert.False(status.IsValid);
        Assert.Contains("is not a CA certificate", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intermediate_expired_at_the_signing_time_is_refused()
    {
        using var expired = TestPki.Issue(CertificateProfile.Authority("CN=Expired Intermediate,O=PipelineGuard Tests") with { NotAfter = SigningTime.AddDays(-1) }, root);
        using var leaf = Leaf(expired);
        var (_, status) = FulcioChainVerifier.Verify(leaf, Root(expired, root), [SigningTime]);
        Assert.False(status.IsValid);
        Assert.Contains("'CN=Expired Intermediate, O=PipelineGuard Tests' is not valid at", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authority_chain_that_does_not_reach_its_root_is_refused()
    {
        using var otherRoot = TestPki.Issue(CertificateProfile.Authority("CN=Other Root,O=PipelineGuard Tests"));
        using var leaf = Leaf();
        var (_, status) = FulcioChainVerifier.Verify(leaf, Root(intermediate, otherRoot), [SigningTime]);
        Assert.False(status.IsValid);
        Assert.Contains("is not issued by the next certificate", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leaf_from_another_authority_is_refused()
    {
        using var otherRoot = TestPki.Issue(CertificateProfile.Authority("CN=Other Root,O=PipelineGuard Tests"));
        using var leaf = Leaf(otherRoot);
        var (_, status) = FulcioChainVerifier.Verify(leaf, Root(intermediate, root), [SigningTime]);
        Assert.False(status.IsValid);
        Assert.Contains("no certificate of the authority is named 'CN=Other Root", status.Message, StringComparison.Ordinal);
    }
}
