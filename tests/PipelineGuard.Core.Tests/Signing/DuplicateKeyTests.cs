using System.Text;
using PipelineGuard.Signing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

/// <summary>
/// A signed document with the same key twice is invalid, never an exception: System.Text.Json's nodes threw
/// "An item with the same key has already been added" out of verify, verify-blob-attestation and the gate's referrer
/// reading, so whoever could push a referrer could turn a signed base image into "could not check".
/// </summary>
public sealed class DuplicateKeyTests
{
    private const string Digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public void A_simple_signing_payload_with_a_duplicate_key_is_an_invalid_payload()
    {
        var payload = $$"""{"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"{{Digest}}"},"type":"cosign container image signature","type":"other"},"optional":null}""";
        var parsed = SimpleSigningPayload.Parse(Encoding.UTF8.GetBytes(payload));
        Assert.False(parsed.Succeeded);
        Assert.Contains("'type' appears twice", parsed.Error, StringComparison.Ordinal);

        var valid = SimpleSigningPayload.Parse(Encoding.UTF8.GetBytes(payload.Replace(",\"type\":\"other\"", string.Empty, StringComparison.Ordinal)));
        Assert.True(valid.Succeeded, valid.Succeeded ? null : valid.Error);
    }

    [Fact]
    public void An_in_toto_statement_with_a_duplicate_predicate_type_is_invalid()
    {
        const string statement = """{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a","digest":{"sha256":"00"}}],"predicateType":"https://slsa.dev/provenance/v1","predicateType":"https://example.com/other","predicate":{}}""";
        var parsed = InTotoStatement.Parse(Encoding.UTF8.GetBytes(statement));
        Assert.False(parsed.Succeeded);
        Assert.Contains("'predicateType' appears twice", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DSSE_envelope_and_a_bundle_with_duplicate_keys_are_malformed()
    {
        var (envelope, status) = Dsse.Parse(Encoding.UTF8.GetBytes("""{"payloadType":"a","payloadType":"b","payload":"","signatures":[]}"""));
        Assert.Null(envelope);
        Assert.Equal(VerificationFailure.MalformedEnvelope, status.Failure);

        var (bundle, bundleStatus) = BundleReader.Read(Encoding.UTF8.GetBytes("""{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","mediaType":"x"}"""));
        Assert.Null(bundle);
        Assert.Equal(VerificationFailure.MalformedBundle, bundleStatus.Failure);
        Assert.Contains("appears twice", bundleStatus.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_keys_in_different_objects_and_in_arrays_of_objects_are_fine()
    {
        const string statement = """{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a","digest":{"sha256":"00"}},{"name":"b","digest":{"sha256":"11"}}],"predicateType":"https://slsa.dev/provenance/v1","predicate":{"name":"x"}}""";
        var parsed = InTotoStatement.Parse(Encoding.UTF8.GetBytes(statement));
        Assert.True(parsed.Succeeded, parsed.Succeeded ? null : parsed.Error);
    }
}
