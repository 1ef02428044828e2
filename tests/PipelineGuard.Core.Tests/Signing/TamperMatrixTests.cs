using System.Security.Cryptography;
using System.Text;
using PipelineGuard.Signing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

/// <summary>Every alteration of a valid signature, bundle or attestation is rejected, each for its own reason.</summary>
public sealed class TamperMatrixTests : IDisposable
{
    private const string Repository = "registry.test:5000/team/app";
    private static readonly byte[] s_manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}"u8.ToArray();
    private static readonly string s_digest = CosignSignatureVerifier.ManifestDigest(s_manifest);
    private static readonly byte[] s_artifact = "release artifact v1.0.0\n"u8.ToArray();

    private readonly EcdsaSigner _signer = EcdsaSigner.Generate();
    private readonly IVerifier _key;

    public TamperMatrixTests() => _key = _signer.CreateVerifier();

    public void Dispose() => _signer.Dispose();

    private static readonly Dictionary<string, string> s_none = [];

    private SignatureLayer SignedLayer(string reference = Repository, string digest = "", Dictionary<string, System.Text.Json.Nodes.JsonNode?>? optional = null, Func<byte[], byte[]>? payloadEdit = null)
    {
        var payload = new SimpleSigningPayload(reference, digest.Length == 0 ? s_digest : digest, optional ?? []).ToJson();
        payload = payloadEdit?.Invoke(payload) ?? payload;
        return new SignatureLayer(SimpleSigningPayload.MediaType, payload,
            new Dictionary<string, string> { [SimpleSigningPayload.SignatureAnnotation] = Convert.ToBase64String(_signer.Sign(payload)) });
    }

    private VerificationResult VerifyLayer(SignatureLayer layer, SignatureRequirements? requirements = null) =>
        CosignSignatureVerifier.Verify(s_manifest, [layer], [_key], requirements ?? SignatureRequirements.KeyOnly).Status;

    private static SignatureLayer WithSignature(SignatureLayer layer, string base64) =>
        layer with { Annotations = new Dictionary<string, string>(layer.Annotations) { [SimpleSigningPayload.SignatureAnnotation] = base64 } };

    private static byte[] Signature(SignatureLayer layer) => Convert.FromBase64String(layer.Annotations[SimpleSigningPayload.SignatureAnnotation]);

    private async Task<byte[]> AttestationBundle(string predicateType = PredicateTypes.SlsaProvenanceV1, string? subjectSha = null, string payloadType = Dsse.InTotoPayloadType, Func<byte[], byte[]>? paeEdit = null)
    {
        var statement = new InTotoStatement(
            [new InTotoSubject("artifact.bin", new Dictionary<string, string> { ["sha256"] = subjectSha ?? BlobSigning.Sha256Hex(s_artifact) })],
            predicateType,
            new System.Text.Json.Nodes.JsonObject { ["buildDefinition"] = new System.Text.Json.Nodes.JsonObject() });
        var payload = statement.ToJson();
        var pae = Dsse.PreAuthenticationEncoding(payloadType, payload);
        var signature = await _signer.SignAsync(paeEdit?.Invoke(pae) ?? pae);
        var envelope = new DsseEnvelope(payloadType, payload, [new DsseSignature(string.Empty, signature)]);
        return BundleWriter.Write(new SigstoreBundle(SigstoreBundle.MediaTypeV03, _signer.KeyHint, null, envelope));
    }

    private VerificationResult VerifyAttestation(byte[] bundle, string predicateType = PredicateTypes.SlsaProvenanceV1) =>
        BundleVerifier.VerifyAttestation(bundle, _key, predicateType, BlobSigning.Sha256Hex(s_artifact)).Status;

    private byte[] MessageBundle() => BundleWriter.Write(new SigstoreBundle(SigstoreBundle.MediaTypeV03, _signer.KeyHint,
        new MessageSignature(SHA256.HashData(s_artifact), _signer.Sign(s_artifact)), null));

    private static byte[] Replace(byte[] json, string from, string to)
    {
        var text = Encoding.UTF8.GetString(json);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    private static byte[] Der(byte[] r, byte[] s, bool longForm = false, byte[]? trailing = null)
    {
        static byte[] Integer(byte[] v) => [0x02, (byte)v.Length, .. v];
        byte[] body = [.. Integer(r), .. Integer(s)];
        byte[] header = longForm ? [0x30, 0x81, (byte)body.Length] : [0x30, (byte)body.Length];
        return [.. header, .. body, .. trailing ?? []];
    }

    private static (byte[] R, byte[] S) MinimalIntegers(byte[] der)
    {
        var fixedWidth = DerEcdsaSignature.ToFixedWidth(der, 32).GetValueOrThrow();
        static byte[] Minimal(ReadOnlySpan<byte> v)
        {
            var start = v.IndexOfAnyExcept((byte)0);
            var trimmed = v[start..].ToArray();
            return (trimmed[0] & 0x80) != 0 ? [0, .. trimmed] : trimmed;
        }

        return (Minimal(fixedWidth.AsSpan(0, 32)), Minimal(fixedWidth.AsSpan(32)));
    }

    [Fact]
    public async Task The_untampered_signature_bundle_and_attestation_verify()
    {
        Assert.True(VerifyLayer(SignedLayer()).IsValid);
        Assert.True(BundleVerifier.VerifyMessage(MessageBundle(), s_artifact, _key).IsValid);
        Assert.True(VerifyAttestation(await AttestationBundle()).IsValid);
    }

    [Fact]
    public void A_changed_payload_byte_breaks_the_signature()
    {
        var layer = SignedLayer();
        var payload = layer.Payload.ToArray();
        payload[^3] ^= 0x01;

        Assert.Equal(VerificationFailure.SignatureMismatch, VerifyLayer(layer with { Payload = payload }).Failure);
    }

    [Fact]
    public void A_validly_signed_payload_for_another_digest_is_rejected()
    {
        var result = VerifyLayer(SignedLayer(digest: "sha256:" + new string('a', 64)));

        Assert.Equal(VerificationFailure.DigestMismatch, result.Failure);
        Assert.Contains(s_digest, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_docker_reference_is_rejected_when_an_identity_is_required()
    {
        var layer = SignedLayer(reference: "registry.test:5000/team/other");

        Assert.True(VerifyLayer(layer).IsValid);
        Assert.Equal(VerificationFailure.IdentityMismatch, VerifyLayer(layer, new SignatureRequirements(new IdentityPolicy(IdentityMatch.RepositoryOnly, Repository + ":1.0"), s_none)).Failure);
    }

    [Fact]
    public void A_changed_signature_byte_is_rejected()
    {
        var layer = SignedLayer();
        var signature = Signature(layer);
        signature[10] ^= 0x40;

        Assert.Equal(VerificationFailure.SignatureMismatch, VerifyLayer(WithSignature(layer, Convert.ToBase64String(signature))).Failure);
    }

    [Fact]
    public void Der_with_trailing_bytes_is_rejected()
    {
        var layer = SignedLayer();
        var (r, s) = MinimalIntegers(Signature(layer));

        var result = VerifyLayer(WithSignature(layer, Convert.ToBase64String(Der(r, s, trailing: [0x00]))));

        Assert.Equal(VerificationFailure.SignatureEncoding, result.Failure);
        Assert.Contains("trailing", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Der_with_a_non_minimal_integer_is_rejected()
    {
        var layer = SignedLayer();
        var (r, s) = MinimalIntegers(Signature(layer));

        var result = VerifyLayer(WithSignature(layer, Convert.ToBase64String(Der([0, 0, .. r.SkipWhile(b => b == 0)], s))));

        Assert.Equal(VerificationFailure.SignatureEncoding, result.Failure);
        Assert.Contains("minimally", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Der_with_a_long_form_length_is_rejected()
    {
        var layer = SignedLayer();
        var (r, s) = MinimalIntegers(Signature(layer));

        Assert.Equal(VerificationFailure.SignatureEncoding, VerifyLayer(WithSignature(layer, Convert.ToBase64String(Der(r, s, longForm: true)))).Failure);
    }

    [Fact]
    public void A_raw_r_s_signature_instead_of_der_is_rejected()
    {
        var layer = SignedLayer();
        var raw = DerEcdsaSignature.ToFixedWidth(Signature(layer), 32).GetValueOrThrow();

        Assert.Equal(VerificationFailure.SignatureEncoding, VerifyLayer(WithSignature(layer, Convert.ToBase64String(raw))).Failure);
    }

    [Fact]
    public void A_negative_integer_in_der_is_rejected()
    {
        var layer = SignedLayer();
        var (r, s) = MinimalIntegers(Signature(layer));
        byte[] negative = [0x80, .. r.SkipWhile(b => b == 0).Skip(1)];

        Assert.Equal(VerificationFailure.SignatureEncoding, VerifyLayer(WithSignature(layer, Convert.ToBase64String(Der(negative, s)))).Failure);
    }

    [Fact]
    public void A_key_on_an_unsupported_curve_is_refused_when_loaded()
    {
        using var k1 = ECDsa.Create(ECCurve.CreateFromValue("1.3.132.0.10"));

        var result = PublicKeyReader.ReadPem(k1.ExportSubjectPublicKeyInfoPem());

        Assert.False(result.Succeeded);
        Assert.Contains("1.3.132.0.10", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_on_another_nist_curve_does_not_verify_a_p256_signature()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var key = PublicKeyReader.ReadPem(p384.ExportSubjectPublicKeyInfoPem()).GetValueOrThrow();

        var result = CosignSignatureVerifier.Verify(s_manifest, [SignedLayer()], [key], SignatureRequirements.KeyOnly).Status;

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public async Task A_bundle_with_another_media_type_is_rejected()
    {
        var bundle = Replace(MessageBundle(), SigstoreBundle.MediaTypeV03, "application/vnd.dev.sigstore.bundle.v9+json");
        var attestation = Replace(await AttestationBundle(), SigstoreBundle.MediaTypeV03, "application/json");

        Assert.Equal(VerificationFailure.BundleMediaType, BundleVerifier.VerifyMessage(bundle, s_artifact, _key).Failure);
        Assert.Equal(VerificationFailure.BundleMediaType, VerifyAttestation(attestation).Failure);
    }

    [Fact]
    public async Task A_changed_dsse_payload_type_is_rejected()
    {
        var unsigned = Replace(await AttestationBundle(), Dsse.InTotoPayloadType, "application/vnd.in-toto+jsoN");
        var signedOtherType = await AttestationBundle(payloadType: "text/plain");

        Assert.Equal(VerificationFailure.PayloadType, VerifyAttestation(unsigned).Failure);
        Assert.Equal(VerificationFailure.PayloadType, VerifyAttestation(signedOtherType).Failure);
    }

    [Fact]
    public async Task A_signature_over_a_pae_with_wrong_lengths_is_rejected()
    {
        var wrongLength = await AttestationBundle(paeEdit: pae => Replace(pae, "DSSEv1 28 ", "DSSEv1 29 "));

        Assert.Equal(VerificationFailure.SignatureMismatch, VerifyAttestation(wrongLength).Failure);
    }

    [Fact]
    public async Task A_signature_over_the_bare_payload_instead_of_the_pae_is_rejected()
    {
        var bare = await AttestationBundle(paeEdit: pae => pae[(Encoding.ASCII.GetString(pae).IndexOf("{\"_type", StringComparison.Ordinal))..]);

        Assert.Equal(VerificationFailure.SignatureMismatch, VerifyAttestation(bare).Failure);
    }

    [Fact]
    public async Task Another_predicate_type_is_rejected()
    {
        var result = VerifyAttestation(await AttestationBundle(predicateType: PredicateTypes.CycloneDx));

        Assert.Equal(VerificationFailure.PredicateTypeMismatch, result.Failure);
        Assert.Contains(PredicateTypes.CycloneDx, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_subject_digest_is_rejected()
    {
        Assert.Equal(VerificationFailure.SubjectDigestMismatch, VerifyAttestation(await AttestationBundle(subjectSha: new string('0', 64))).Failure);
    }

    [Fact]
    public void A_truncated_base64_signature_is_rejected()
    {
        var layer = SignedLayer();
        var text = layer.Annotations[SimpleSigningPayload.SignatureAnnotation];

        Assert.Equal(VerificationFailure.InvalidBase64, VerifyLayer(WithSignature(layer, text[..^5])).Failure);
    }

    [Fact]
    public void Garbage_base64_is_rejected()
    {
        Assert.Equal(VerificationFailure.InvalidBase64, VerifyLayer(WithSignature(SignedLayer(), "MEUCIQ!!not*base64==")).Failure);
        Assert.Equal(VerificationFailure.InvalidBase64, VerifyLayer(WithSignature(SignedLayer(), "MEUC IQ==")).Failure);
    }

    [Fact]
    public async Task A_truncated_base64_dsse_payload_is_rejected()
    {
        var bundle = await AttestationBundle();
        var (parsed, _) = BundleReader.Read(bundle);
        var payload = Convert.ToBase64String(parsed!.DsseEnvelope!.Payload);

        Assert.Equal(VerificationFailure.InvalidBase64, VerifyAttestation(Replace(bundle, payload, payload[..^6])).Failure);
    }

    [Fact]
    public void A_missing_required_annotation_is_rejected()
    {
        var requirements = new SignatureRequirements(IdentityPolicy.None, new Dictionary<string, string> { ["env"] = "prod" });

        Assert.Equal(VerificationFailure.AnnotationMissing, VerifyLayer(SignedLayer(), requirements).Failure);
    }

    [Fact]
    public void A_required_annotation_with_another_value_is_rejected()
    {
        var requirements = new SignatureRequirements(IdentityPolicy.None, new Dictionary<string, string> { ["env"] = "prod" });
        var layer = SignedLayer(optional: new() { ["env"] = "staging" });

        Assert.Equal(VerificationFailure.AnnotationMismatch, VerifyLayer(layer, requirements).Failure);
        Assert.True(VerifyLayer(SignedLayer(optional: new() { ["env"] = "prod" }), requirements).IsValid);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("true", "true")]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("[\"x\"]", "[\"x\"]")]
    public void A_non_string_annotation_does_not_match_its_text_as_in_cosign(string json, string wanted)
    {
        // -a n=1 matched the number 1 through its JSON text; cosign compares strings only.
        var requirements = new SignatureRequirements(IdentityPolicy.None, new Dictionary<string, string> { ["n"] = wanted });
        var layer = SignedLayer(optional: new() { ["n"] = System.Text.Json.Nodes.JsonNode.Parse(json) });

        var result = VerifyLayer(layer, requirements);
        Assert.Equal(VerificationFailure.AnnotationMismatch, result.Failure);
        Assert.Contains("not the string", result.Message, StringComparison.Ordinal);
        Assert.True(VerifyLayer(SignedLayer(optional: new() { ["n"] = wanted }), requirements).IsValid);
    }

    [Theory]
    [InlineData("application/vnd.oci.image.layer.v1.tar+gzip")]
    [InlineData("application/vnd.dsse.envelope.v1+json")]
    [InlineData("text/plain")]
    public void Layers_of_other_types_are_rejected(string mediaType)
    {
        Assert.Equal(VerificationFailure.UnsupportedMediaType, VerifyLayer(SignedLayer() with { MediaType = mediaType }).Failure);
    }

    [Fact]
    public void A_layer_without_the_signature_annotation_is_rejected()
    {
        Assert.Equal(VerificationFailure.SignatureAnnotationMissing, VerifyLayer(SignedLayer() with { Annotations = new Dictionary<string, string>() }).Failure);
    }

    [Fact]
    public void A_signed_payload_of_another_type_is_rejected()
    {
        var layer = SignedLayer(payloadEdit: p => Replace(p, SimpleSigningPayload.SignatureType, "atomic container signature"));

        Assert.Equal(VerificationFailure.MalformedPayload, VerifyLayer(layer).Failure);
    }

    [Fact]
    public void A_changed_artifact_byte_fails_the_message_digest()
    {
        var changed = s_artifact.ToArray();
        changed[0] ^= 1;

        Assert.Equal(VerificationFailure.DigestMismatch, BundleVerifier.VerifyMessage(MessageBundle(), changed, _key).Failure);
    }

    [Fact]
    public void A_message_digest_replaced_with_the_digest_of_another_file_fails_the_signature()
    {
        var other = "another artifact"u8.ToArray();
        var bundle = Replace(MessageBundle(), Convert.ToBase64String(SHA256.HashData(s_artifact)), Convert.ToBase64String(SHA256.HashData(other)));

        Assert.Equal(VerificationFailure.SignatureMismatch, BundleVerifier.VerifyMessage(bundle, other, _key).Failure);
    }

    [Fact]
    public async Task An_envelope_without_signatures_is_rejected()
    {
        var bundle = await AttestationBundle();
        var text = Encoding.UTF8.GetString(bundle);
        var start = text.IndexOf("\"signatures\"", StringComparison.Ordinal);
        var end = text.IndexOf(']', start);
        var stripped = Encoding.UTF8.GetBytes(text[..start] + "\"signatures\": []" + text[(end + 1)..]);

        Assert.Equal(VerificationFailure.MalformedEnvelope, VerifyAttestation(stripped).Failure);
    }

    [Fact]
    public void A_bundle_signed_by_another_key_names_both_keys()
    {
        using var other = EcdsaSigner.Generate();

        var result = BundleVerifier.VerifyMessage(MessageBundle(), s_artifact, other.CreateVerifier());

        Assert.Equal(VerificationFailure.KeyHintMismatch, result.Failure);
        Assert.Contains(_signer.KeyHint, result.Message, StringComparison.Ordinal);
    }
}
