using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Timestamps;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Pki;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Timestamps;

public sealed class Rfc3161TimestampVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Stamped = new(2026, 4, 10, 20, 31, 25, TimeSpan.Zero);
    private static readonly byte[] Data = "the signature bytes"u8.ToArray();

    private readonly TestTimestampAuthority tsa = new();

    public void Dispose() => tsa.Dispose();

    private TimestampTrust Trust => new([TestPki.PublicOnly(tsa.Root)]);

    [Fact]
    public void A_token_over_the_data_verifies_and_reports_the_generation_time_subject_and_chain()
    {
        var token = tsa.Timestamp(Data, Stamped);

        var result = Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(Stamped, result.GenerationTime);
        Assert.Equal(TimeSpan.FromSeconds(1), result.Accuracy);
        Assert.Equal(HashAlgorithmName.SHA256, result.HashAlgorithm);
        Assert.Equal(tsa.Certificate.Subject, result.TsaSubject!.Name);
        Assert.Equal([tsa.Certificate.Thumbprint, tsa.Root.Thumbprint], result.Chain.Select(c => c.Thumbprint));
        Assert.Equal((Stamped.AddSeconds(-1), Stamped.AddSeconds(1)), result.TimeRange(TimeSpan.Zero));
    }

    [Theory]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void Imprints_with_longer_hashes_verify(string algorithm)
    {
        var token = tsa.Timestamp(Data, Stamped, new TimestampTokenOptions { HashAlgorithm = new HashAlgorithmName(algorithm) });

        var result = Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(algorithm, result.HashAlgorithm!.Value.Name);
    }

    [Fact]
    public void A_token_over_other_data_is_an_imprint_mismatch()
    {
        var token = tsa.Timestamp("other bytes"u8, Stamped);

        var result = Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust);

        Assert.Equal(TimestampFailure.ImprintMismatch, result.Failure);
        Assert.Contains("imprint", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_precomputed_hash_verifies_and_a_hash_of_another_algorithm_does_not()
    {
        var token = tsa.Timestamp(Data, Stamped);

        Assert.True(Rfc3161TimestampVerifier.VerifyForHash(token, SHA256.HashData(Data), HashAlgorithmName.SHA256, Trust).IsValid);
        Assert.Equal(TimestampFailure.ImprintMismatch, Rfc3161TimestampVerifier.VerifyForHash(token, SHA384.HashData(Data), HashAlgorithmName.SHA384, Trust).Failure);
    }

    [Fact]
    public void A_SHA1_imprint_is_refused()
    {
        var token = tsa.Timestamp(Data, Stamped, new TimestampTokenOptions { HashAlgorithm = HashAlgorithmName.SHA1 });

        Assert.Equal(TimestampFailure.WeakOrUnsupportedHash, Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust).Failure);
    }

    [Fact]
    public void A_token_from_a_TSA_under_another_root_is_untrusted()
    {
        using var other = new TestTimestampAuthority("Other TSA");
        var token = other.Timestamp(Data, Stamped);

        var result = Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust);

        Assert.Equal(TimestampFailure.ChainUntrusted, result.Failure);
        Assert.Contains("Other TSA", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_trusted_roots_means_untrusted()
    {
        var token = tsa.Timestamp(Data, Stamped);

        Assert.Equal(TimestampFailure.ChainUntrusted, Rfc3161TimestampVerifier.VerifyForData(token, Data, new TimestampTrust([])).Failure);
    }

    [Fact]
    public void A_generation_time_outside_the_TSA_certificate_validity_is_untrusted()
    {
        using var shortLived = new TestTimestampAuthority("Short TSA", CertificateProfile.TimestampAuthority("CN=Short TSA,O=PipelineGuard Tests,C=US") with
        {
            NotBefore = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero),
            NotAfter = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });
        var token = shortLived.Timestamp(Data, Stamped);

        var result = Rfc3161TimestampVerifier.VerifyForData(token, Data, new TimestampTrust([TestPki.PublicOnly(shortLived.Root)]));

        Assert.Equal(TimestampFailure.ChainUntrusted, result.Failure);
        Assert.Equal(Stamped, result.GenerationTime);
    }

    [Fact]
    public void A_TSA_certificate_without_the_timestamping_usage_is_refused()
    {
        using var codeSigner = new TestTimestampAuthority("Code Signer", new CertificateProfile("CN=Code Signer,O=PipelineGuard Tests,C=US") { ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.3"], ExtendedKeyUsageCritical = true });
        var token = codeSigner.Timestamp(Data, Stamped);

        var result = Rfc3161TimestampVerifier.VerifyForData(token, Data, new TimestampTrust([TestPki.PublicOnly(codeSigner.Root)]));

        Assert.Equal(TimestampFailure.TimestampingUsage, result.Failure);
    }

    [Fact]
    public void A_non_critical_timestamping_usage_is_refused()
    {
        using var lax = new TestTimestampAuthority("Lax TSA", CertificateProfile.TimestampAuthority("CN=Lax TSA,O=PipelineGuard Tests,C=US") with { ExtendedKeyUsageCritical = false });
        var token = lax.Timestamp(Data, Stamped);

        var result = Rfc3161TimestampVerifier.VerifyForData(token, Data, new TimestampTrust([TestPki.PublicOnly(lax.Root)]));

        Assert.Equal(TimestampFailure.TimestampingUsage, result.Failure);
        Assert.Contains("non-critical", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_without_certificates_needs_the_TSA_certificate_from_the_caller()
    {
        var token = tsa.Timestamp(Data, Stamped, new TimestampTokenOptions { IncludeCertificates = false });

        Assert.Equal(TimestampFailure.SignerCertificateMissing, Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust).Failure);
        var withIntermediate = new TimestampTrust([TestPki.PublicOnly(tsa.Root)], [TestPki.PublicOnly(tsa.Certificate)]);
        Assert.True(Rfc3161TimestampVerifier.VerifyForData(token, Data, withIntermediate).IsValid);
    }

    [Fact]
    public void A_token_without_the_signing_certificate_attribute_is_refused()
    {
        var token = tsa.Timestamp(Data, Stamped, new TimestampTokenOptions { IncludeSigningCertificateAttribute = false });

        Assert.Equal(TimestampFailure.SigningCertificateAttribute, Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust).Failure);
    }

    [Fact]
    public void A_tampered_signature_is_refused()
    {
        var token = tsa.Timestamp(Data, Stamped);
        // The SignerInfo's signature value is the last field of the token (no unsigned attributes, no CRLs).
        token[^1] ^= 0x01;

        Assert.Equal(TimestampFailure.SignatureInvalid, Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust).Failure);
    }

    [Fact]
    public void A_certificate_in_the_token_that_does_not_decode_is_a_malformed_token()
    {
        var token = tsa.Timestamp(Data, Stamped);
        var certificate = tsa.Certificate.RawData;
        var at = token.AsSpan().IndexOf(certificate);
        Assert.True(at > 0);
        // Zero the start of the tbsCertificate's contents (its version and serial number): the CMS structure still
        // decodes, the certificate does not.
        token.AsSpan(at + 8, 12).Clear();

        var result = Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust);

        Assert.Equal(TimestampFailure.MalformedToken, result.Failure);
        Assert.Contains("a certificate in the timestamp token does not decode", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_content_type_is_refused_by_name()
    {
        var token = tsa.Timestamp(Data, Stamped, new TimestampTokenOptions { ContentType = "1.2.840.113549.1.7.1" });

        var result = Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust);

        Assert.Equal(TimestampFailure.WrongContentType, result.Failure);
        Assert.Contains("1.2.840.113549.1.7.1", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01 })]
    [InlineData(new byte[] { 0x04, 0x02, 0x00, 0x00 })]
    public void Bytes_that_are_no_token_are_malformed(byte[] token)
    {
        Assert.Equal(TimestampFailure.MalformedToken, Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust).Failure);
    }

    [VectorTheory]
    [InlineData("TimeStampToken.p7s", TimestampFailure.ImprintMismatch)]
    [InlineData("TimeStampTokenWithInvalideContentType.p7s", TimestampFailure.WrongContentType)]
    [InlineData("TimeStampTokenWithInvalidTSTInfo.p7s", TimestampFailure.MalformedTstInfo)]
    public void Notation_go_countersignature_vectors_fail_for_their_documented_reason(string file, TimestampFailure expected)
    {
        var token = File.ReadAllBytes(Path.Combine(RepositoryPaths.Vectors!, "notation", "notation-go", "verifier", "testdata", "timestamp", "countersignature", file));

        Assert.Equal(expected, Rfc3161TimestampVerifier.VerifyForData(token, Data, Trust).Failure);
    }
}
