using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Timestamps;
using PipelineGuard.Testing.Pki;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Timestamps;

/// <summary>
/// The TSA chain's RFC 5280 path validation (done here rather than by X509Chain): a root, an intermediate CA and the TSA
/// certificate, each check refusing what it must (names, signatures, CA constraints, key usage, path length, extended key
/// usage, unknown critical extensions, validity at the generation time), and good paths still verifying.
/// </summary>
public sealed class TsaChainValidationTests
{
    private static readonly DateTimeOffset Stamped = new(2026, 4, 10, 20, 31, 25, TimeSpan.Zero);
    private static readonly DateTimeOffset From = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Data = "the signature bytes"u8.ToArray();

    private sealed record Shape
    {
        public bool Ca { get; init; } = true;

        public int? PathLength { get; init; }

        public X509KeyUsageFlags? KeyUsage { get; init; }

        public string[]? ExtendedKeyUsages { get; init; }

        public DateTimeOffset NotBefore { get; init; } = From;

        public DateTimeOffset NotAfter { get; init; } = Until;

        public Action<CertificateRequest>? Extend { get; init; }
    }

    private static readonly Shape Authority = new() { KeyUsage = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign };

    private static readonly Shape TsaShape = new() { Ca = false, KeyUsage = X509KeyUsageFlags.DigitalSignature, ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.8"] };

    private static X509Certificate2 Issue(string name, X509Certificate2? issuer, Shape shape)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName($"CN={name},O=PipelineGuard Tests,C=US");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(shape.Ca, shape.PathLength is not null, shape.PathLength ?? 0, true));
        if (shape.KeyUsage is { } usage)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        }
        if (shape.ExtendedKeyUsages is { } usages)
        {
            var oids = new OidCollection();
            foreach (var oid in usages)
            {
                oids.Add(new Oid(oid));
            }
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, critical: true));
        }
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        shape.Extend?.Invoke(request);
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        if (issuer is null)
        {
            using var selfSigned = request.Create(subject, X509SignatureGenerator.CreateForECDsa(key), shape.NotBefore, shape.NotAfter, serial);
            return selfSigned.CopyWithPrivateKey(key);
        }
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        using var certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), shape.NotBefore, shape.NotAfter, serial);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>root → intermediate → TSA, with the token carrying the TSA certificate and the intermediate.</summary>
    private static TestTimestampAuthority ThreeLevel(Shape? root = null, Shape? intermediate = null, Shape? tsa = null, string rootName = "TSA Chain Root")
    {
        var rootCertificate = Issue(rootName, null, root ?? Authority);
        var intermediateCertificate = Issue("TSA Chain Intermediate", rootCertificate, intermediate ?? Authority);
        var tsaCertificate = Issue("TSA Chain Signer", intermediateCertificate, tsa ?? TsaShape);
        return new TestTimestampAuthority(rootCertificate, tsaCertificate, [intermediateCertificate]);
    }

    private static TimestampVerificationResult Verify(TestTimestampAuthority authority, TimestampTrust? trust = null, TimestampTokenOptions? options = null) =>
        Rfc3161TimestampVerifier.VerifyForData(authority.Timestamp(Data, Stamped, options), Data, trust ?? new TimestampTrust([TestPki.PublicOnly(authority.Root)]));

    private static void AssertUntrusted(TimestampVerificationResult result, string expected)
    {
        Assert.Equal(TimestampFailure.ChainUntrusted, result.Failure);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Empty(result.Chain);
    }

    [Fact]
    public void A_three_certificate_chain_verifies_signer_first_and_the_trusted_root_last()
    {
        using var authority = ThreeLevel();
        var trusted = TestPki.PublicOnly(authority.Root);

        var result = Verify(authority, new TimestampTrust([trusted]));

        Assert.True(result.IsValid, result.Message);
        Assert.Equal([authority.Certificate.Thumbprint, authority.Intermediates[0].Thumbprint, authority.Root.Thumbprint], result.Chain.Select(c => c.Thumbprint));
        Assert.Same(trusted, result.Chain[^1]);
    }

    [Fact]
    public void An_intermediate_supplied_by_the_caller_completes_the_chain()
    {
        using var authority = ThreeLevel();
        var trust = new TimestampTrust([TestPki.PublicOnly(authority.Root)], [TestPki.PublicOnly(authority.Intermediates[0]), TestPki.PublicOnly(authority.Certificate)]);

        var result = Verify(authority, trust, new TimestampTokenOptions { IncludeCertificates = false });

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(3, result.Chain.Count);
    }

    [Fact]
    public void A_missing_intermediate_means_the_chain_does_not_reach_the_root()
    {
        using var authority = ThreeLevel();
        var trust = new TimestampTrust([TestPki.PublicOnly(authority.Root)], [TestPki.PublicOnly(authority.Certificate)]);

        AssertUntrusted(Verify(authority, trust, new TimestampTokenOptions { IncludeCertificates = false }), "its issuer 'CN=TSA Chain Intermediate, O=PipelineGuard Tests, C=US' is neither a trusted root nor among the token's certificates");
    }

    [Fact]
    public void A_chain_to_a_lookalike_root_the_token_carries_does_not_reach_the_trusted_root()
    {
        // The lookalike has the trusted root's name but its own key; the token carries it as if it were the root.
        using var trustedRoot = Issue("TSA Chain Root", null, Authority);
        var lookalike = Issue("TSA Chain Root", null, Authority);
        var intermediate = Issue("TSA Chain Intermediate", lookalike, Authority);
        var signer = Issue("TSA Chain Signer", intermediate, TsaShape);
        using var authority = new TestTimestampAuthority(lookalike, signer, [intermediate, TestPki.PublicOnly(lookalike)]);

        var result = Verify(authority, new TimestampTrust([TestPki.PublicOnly(trustedRoot)]));

        AssertUntrusted(result, "names 'CN=TSA Chain Root, O=PipelineGuard Tests, C=US' as its issuer, but its signature does not verify with the key of");
    }

    [Fact]
    public void An_intermediate_whose_signature_does_not_verify_is_refused()
    {
        var root = Issue("TSA Chain Root", null, Authority);
        using var intermediate = Issue("TSA Chain Intermediate", root, Authority);
        var signer = Issue("TSA Chain Signer", intermediate, TsaShape);
        var tampered = intermediate.RawData;
        tampered[^1] ^= 0x01; // the last byte of the root's signature over the intermediate
        using var authority = new TestTimestampAuthority(root, signer, [X509CertificateLoader.LoadCertificate(tampered)]);

        AssertUntrusted(Verify(authority), "'CN=TSA Chain Intermediate, O=PipelineGuard Tests, C=US' names 'CN=TSA Chain Root, O=PipelineGuard Tests, C=US' as its issuer, but its signature does not verify");
    }

    [Fact]
    public void An_intermediate_that_is_not_a_CA_is_refused()
    {
        using var authority = ThreeLevel(intermediate: Authority with { Ca = false });

        AssertUntrusted(Verify(authority), "'CN=TSA Chain Intermediate, O=PipelineGuard Tests, C=US' issued 'CN=TSA Chain Signer, O=PipelineGuard Tests, C=US' but is not a CA certificate");
    }

    [Fact]
    public void An_intermediate_whose_key_usage_lacks_keyCertSign_is_refused()
    {
        using var authority = ThreeLevel(intermediate: Authority with { KeyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.CrlSign });

        AssertUntrusted(Verify(authority), "may not sign certificates (its keyUsage lacks keyCertSign)");
    }

    [Fact]
    public void A_root_path_length_of_zero_refuses_an_intermediate_below_it()
    {
        using var authority = ThreeLevel(root: Authority with { PathLength = 0 });

        AssertUntrusted(Verify(authority), "'CN=TSA Chain Root, O=PipelineGuard Tests, C=US' allows 0 intermediate CAs below it, the path has 1");
    }

    [Fact]
    public void A_root_path_length_of_one_allows_the_intermediate()
    {
        using var authority = ThreeLevel(root: Authority with { PathLength = 1 }, intermediate: Authority with { PathLength = 0 });

        Assert.True(Verify(authority).IsValid);
    }

    [Fact]
    public void An_intermediate_expired_at_the_generation_time_is_refused()
    {
        using var authority = ThreeLevel(intermediate: Authority with { NotAfter = Stamped.AddDays(-1) });

        AssertUntrusted(Verify(authority), "'CN=TSA Chain Intermediate, O=PipelineGuard Tests, C=US' is not valid at 2026-04-10T20:31:25Z");
    }

    [Fact]
    public void A_root_not_yet_valid_at_the_generation_time_is_refused()
    {
        using var authority = ThreeLevel(root: Authority with { NotBefore = Stamped.AddDays(1) });

        AssertUntrusted(Verify(authority), "'CN=TSA Chain Root, O=PipelineGuard Tests, C=US' is not valid at 2026-04-10T20:31:25Z");
    }

    [Fact]
    public void A_TSA_certificate_expired_at_the_generation_time_is_refused_and_valid_then_is_accepted()
    {
        using var expired = ThreeLevel(tsa: TsaShape with { NotAfter = Stamped.AddSeconds(-1) });
        using var validThen = ThreeLevel(tsa: TsaShape with { NotAfter = Stamped.AddSeconds(1) });

        AssertUntrusted(Verify(expired), "'CN=TSA Chain Signer, O=PipelineGuard Tests, C=US' is not valid at 2026-04-10T20:31:25Z");
        Assert.True(Verify(validThen).IsValid);
    }

    [Fact]
    public void An_intermediate_whose_extended_key_usage_excludes_timestamping_is_refused()
    {
        using var authority = ThreeLevel(intermediate: Authority with { ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.3"] });

        AssertUntrusted(Verify(authority), "'CN=TSA Chain Intermediate, O=PipelineGuard Tests, C=US' has an extended key usage without timeStamping");
    }

    [Theory]
    [InlineData("1.3.6.1.5.5.7.3.8")]
    [InlineData("2.5.29.37.0")]
    public void An_intermediate_whose_extended_key_usage_allows_timestamping_is_accepted(string usage)
    {
        using var authority = ThreeLevel(intermediate: Authority with { ExtendedKeyUsages = [usage, "1.3.6.1.5.5.7.3.3"] });

        Assert.True(Verify(authority).IsValid);
    }

    [Fact]
    public void A_TSA_certificate_with_the_wrong_extended_key_usage_is_refused_before_the_chain()
    {
        using var authority = ThreeLevel(tsa: TsaShape with { ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.3"] });

        Assert.Equal(TimestampFailure.TimestampingUsage, Verify(authority).Failure);
    }

    [Fact]
    public void A_TSA_certificate_whose_key_usage_allows_no_signature_is_refused()
    {
        using var authority = ThreeLevel(tsa: TsaShape with { KeyUsage = X509KeyUsageFlags.CrlSign });

        AssertUntrusted(Verify(authority), "allows neither digitalSignature nor nonRepudiation");
    }

    [Fact]
    public void A_TSA_certificate_with_only_nonRepudiation_is_accepted()
    {
        using var authority = ThreeLevel(tsa: TsaShape with { KeyUsage = X509KeyUsageFlags.NonRepudiation });

        Assert.True(Verify(authority).IsValid);
    }

    [Theory]
    [InlineData("signer")]
    [InlineData("intermediate")]
    [InlineData("root")]
    public void An_unknown_critical_extension_anywhere_on_the_path_is_refused(string where)
    {
        Action<CertificateRequest> critical = r => r.CertificateExtensions.Add(new X509Extension("1.2.3.4.5", [0x05, 0x00], true));
        using var authority = where switch
        {
            "signer" => ThreeLevel(tsa: TsaShape with { Extend = critical }),
            "intermediate" => ThreeLevel(intermediate: Authority with { Extend = critical }),
            _ => ThreeLevel(root: Authority with { Extend = critical }),
        };

        AssertUntrusted(Verify(authority), "has the unsupported critical extension 1.2.3.4.5");
    }

    [Fact]
    public void An_unknown_non_critical_extension_is_ignored()
    {
        using var authority = ThreeLevel(intermediate: Authority with { Extend = r => r.CertificateExtensions.Add(new X509Extension("1.2.3.4.5", [0x05, 0x00], false)) });

        Assert.True(Verify(authority).IsValid);
    }

    [Fact]
    public void Name_constraints_which_are_not_enforced_refuse_the_path()
    {
        // NameConstraints { permittedSubtrees [0] { GeneralSubtree { dNSName "tsa.local" } } }
        byte[] constraints = [0x30, 0x0F, 0xA0, 0x0D, 0x30, 0x0B, 0x82, 0x09, .. "tsa.local"u8];
        using var authority = ThreeLevel(intermediate: Authority with { Extend = r => r.CertificateExtensions.Add(new X509Extension("2.5.29.30", constraints, true)) });

        AssertUntrusted(Verify(authority), "has name constraints, which this check does not enforce");
    }

    [Fact]
    public void A_trusted_root_whose_self_signature_does_not_verify_is_refused()
    {
        using var authority = ThreeLevel();
        var tampered = authority.Root.RawData;
        tampered[^1] ^= 0x01;

        AssertUntrusted(Verify(authority, new TimestampTrust([X509CertificateLoader.LoadCertificate(tampered)])), "is self-issued, but");
    }

    [Fact]
    public void A_trusted_intermediate_is_an_anchor_by_itself()
    {
        // RFC 5280 trust anchors need not be self-signed: trusting the intermediate trusts what it issued.
        using var authority = ThreeLevel();

        var result = Verify(authority, new TimestampTrust([TestPki.PublicOnly(authority.Intermediates[0])]));

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(2, result.Chain.Count);
    }
}
