using System.Globalization;
using System.Text.Json.Nodes;
using PipelineGuard.Signing;
using PipelineGuard.Signing.Keyless;
using PipelineGuard.Testing.Sigstore;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Keyless;

/// <summary>
/// cosign's legacy keyless <c>.sig</c> and <c>.att</c> layers, made by the test Sigstore, each tampered one way: every
/// change to what is trusted (payload, signature, certificate, SET, log body, time, index, media type) is rejected;
/// the chain annotation is informational (trust comes from the root only), so changing it changes nothing.
/// </summary>
public sealed class KeylessImageLayerTamperTests : IDisposable
{
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private static readonly TestIdentity Signer = new("https://github.com/acme/base/.github/workflows/release.yaml@refs/heads/main", "https://token.actions.githubusercontent.com");
    private readonly TestSigstore _sigstore = new();
    private readonly KeylessVerificationOptions _options;

    public KeylessImageLayerTamperTests()
    {
        var root = TrustedRootReader.Read(_sigstore.TrustedRootJson(), "test root").GetValueOrThrow();
        _options = new KeylessVerificationOptions(root, CertificateIdentityPolicy.Create(Signer.Subject, null, Signer.Issuer, null).GetValueOrThrow());
    }

    public void Dispose() => _sigstore.Dispose();

    private static byte[] Payload(string digest = Digest) => new SimpleSigningPayload("pipelineguard.test/base", digest, new Dictionary<string, JsonNode?>()).ToJson();

    private static string EditBundle(string bundle, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(bundle)!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    public static TheoryData<string> SignatureCases => new()
    {
        "payload byte changed", "signature replaced", "signature annotation removed", "certificate of another signing",
        "certificate annotation not PEM", "SET byte changed", "integrated time moved", "log index changed", "log body of another signature",
        "log id of an unknown log", "bundle annotation not JSON", "bundle annotation removed", "media type changed",
    };

    [Theory]
    [MemberData(nameof(SignatureCases))]
    public void A_tampered_keyless_signature_layer_is_rejected(string tamper)
    {
        var payload = Payload();
        var annotations = _sigstore.SignLayer(payload, Signer);
        var other = _sigstore.SignLayer(Payload("sha256:" + new string('2', 64)), Signer);
        var mediaType = SimpleSigningPayload.MediaType;
        const string Bundle = CosignKeylessLayerVerifier.BundleAnnotation;
        switch (tamper)
        {
            case "payload byte changed": payload = (byte[])payload.Clone(); payload[^3] ^= 1; break;
            case "signature replaced": annotations[SimpleSigningPayload.SignatureAnnotation] = other[SimpleSigningPayload.SignatureAnnotation]; break;
            case "signature annotation removed": annotations.Remove(SimpleSigningPayload.SignatureAnnotation); break;
            case "certificate of another signing": annotations[CosignKeylessLayerVerifier.CertificateAnnotation] = other[CosignKeylessLayerVerifier.CertificateAnnotation]; break;
            case "certificate annotation not PEM": annotations[CosignKeylessLayerVerifier.CertificateAnnotation] = "not a certificate"; break;
            case "SET byte changed":
                annotations[Bundle] = EditBundle(annotations[Bundle], b =>
                {
                    var set = Convert.FromBase64String(b["SignedEntryTimestamp"]!.GetValue<string>());
                    set[^1] ^= 1;
                    b["SignedEntryTimestamp"] = Convert.ToBase64String(set);
                });
                break;
            case "integrated time moved": annotations[Bundle] = EditBundle(annotations[Bundle], b => b["Payload"]!["integratedTime"] = b["Payload"]!["integratedTime"]!.GetValue<long>() + 60); break;
            case "log index changed": annotations[Bundle] = EditBundle(annotations[Bundle], b => b["Payload"]!["logIndex"] = b["Payload"]!["logIndex"]!.GetValue<long>() + 1); break;
            case "log body of another signature": annotations[Bundle] = EditBundle(annotations[Bundle], b => b["Payload"]!["body"] = JsonNode.Parse(other[Bundle])!["Payload"]!["body"]!.GetValue<string>()); break;
            case "log id of an unknown log": annotations[Bundle] = EditBundle(annotations[Bundle], b => b["Payload"]!["logID"] = new string('a', 64)); break;
            case "bundle annotation not JSON": annotations[Bundle] = "{"; break;
            case "bundle annotation removed": annotations.Remove(Bundle); break;
            case "media type changed": mediaType = "application/json"; break;
            default: throw new ArgumentOutOfRangeException(nameof(tamper), tamper, null);
        }

        var (verified, result) = CosignKeylessLayerVerifier.VerifyLayer(new SignatureLayer(mediaType, payload, annotations), Digest, _options, SignatureRequirements.KeyOnly);

        Assert.Null(verified);
        Assert.False(result.IsValid, tamper);
        Assert.NotEqual(VerificationFailure.None, result.Status.Failure);
    }

    [Fact]
    public void The_untampered_layer_verifies_a_changed_chain_annotation_changes_nothing_and_another_image_is_refused()
    {
        var payload = Payload();
        var annotations = _sigstore.SignLayer(payload, Signer);
        var withOtherChain = new Dictionary<string, string>(annotations) { [CosignKeylessLayerVerifier.ChainAnnotation] = "not even PEM" };

        var (good, result) = CosignKeylessLayerVerifier.VerifyLayer(new SignatureLayer(SimpleSigningPayload.MediaType, payload, annotations), Digest, _options, SignatureRequirements.KeyOnly);
        var (chainChanged, _) = CosignKeylessLayerVerifier.VerifyLayer(new SignatureLayer(SimpleSigningPayload.MediaType, payload, withOtherChain), Digest, _options, SignatureRequirements.KeyOnly);
        var (_, elsewhere) = CosignKeylessLayerVerifier.VerifyLayer(new SignatureLayer(SimpleSigningPayload.MediaType, payload, annotations), "sha256:" + new string('3', 64), _options, SignatureRequirements.KeyOnly);

        Assert.True(result.IsValid, result.Status.Message);
        Assert.NotNull(good);
        Assert.NotNull(chainChanged);
        Assert.Equal(VerificationFailure.DigestMismatch, elsewhere.Status.Failure);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("statement changed")]
    [InlineData("subject of another image")]
    [InlineData("certificate of another signing")]
    [InlineData("two signatures")]
    [InlineData("other predicate type")]
    public void A_keyless_attestation_layer_verifies_only_untampered_about_its_image_and_of_its_type(string tamper)
    {
        var hex = Digest["sha256:".Length..];
        var statement = new InTotoStatement([new InTotoSubject("base", new Dictionary<string, string> { ["sha256"] = hex })], PredicateTypes.SlsaProvenanceV1, new JsonObject { ["runDetails"] = new JsonObject() });
        var (envelope, annotations) = _sigstore.SignAttestationLayer(statement.ToJson(), Signer);
        var (otherEnvelope, otherAnnotations) = _sigstore.SignAttestationLayer(statement.ToJson(), Signer);
        var subject = hex;
        var type = PredicateTypes.SlsaProvenanceV1;
        switch (tamper)
        {
            case "statement changed":
                var node = JsonNode.Parse(envelope)!.AsObject();
                node["payload"] = Convert.ToBase64String(new InTotoStatement(statement.Subjects, PredicateTypes.SlsaProvenanceV1, new JsonObject { ["runDetails"] = new JsonObject { ["x"] = 1 } }).ToJson());
                envelope = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
                break;
            case "subject of another image": subject = new string('4', 64); break;
            case "certificate of another signing": annotations[CosignKeylessLayerVerifier.CertificateAnnotation] = otherAnnotations[CosignKeylessLayerVerifier.CertificateAnnotation]; break;
            case "two signatures":
                var two = JsonNode.Parse(envelope)!.AsObject();
                two["signatures"]!.AsArray().Add(JsonNode.Parse(otherEnvelope)!["signatures"]![0]!.DeepClone());
                envelope = System.Text.Encoding.UTF8.GetBytes(two.ToJsonString());
                break;
            case "other predicate type": type = PredicateTypes.CycloneDx; break;
        }

        var (verified, result) = CosignKeylessLayerVerifier.VerifyAttestationLayer(new SignatureLayer(Dsse.EnvelopeMediaType, envelope, annotations), subject, type, _options);

        if (tamper == "none")
        {
            Assert.True(result.IsValid, result.Status.Message);
            Assert.Equal(PredicateTypes.SlsaProvenanceV1, verified!.PredicateType);
            Assert.NotNull(result.LogIndex);
        }
        else
        {
            Assert.Null(verified);
            Assert.False(result.IsValid, string.Create(CultureInfo.InvariantCulture, $"{tamper}: {result.Status.Message}"));
        }
    }
}
