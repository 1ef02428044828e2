using System.Text;
using System.Text.Json.Nodes;
using PipelineGuard.Signing.Notation;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Notation;
using Xunit;
using Descriptor = PipelineGuard.Oci.OciDescriptor;
using Digest = PipelineGuard.Oci.Digest;

namespace PipelineGuard.Core.Tests.Signing.Notation;

/// <summary>
/// The COSE encoding both ways: an envelope the test kit writes decodes with the npm <c>cbor</c> package (pinned in
/// tests/interop) to the headers, payload and signature that were written, and agrees with PipelineGuard's reader; the
/// message re-encoded by that package still verifies here.
/// </summary>
public sealed class NotationCoseInteropTests : IDisposable
{
    private const string Repository = "registry.example/dotnet/aspnet";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"layers\":[]}");
    private static readonly Descriptor Artifact = new("application/vnd.oci.image.manifest.v1+json", Digest.Compute(Manifest), Manifest.Length);

    private readonly NotationTestChain chain = new();
    private readonly string folder = Directory.CreateTempSubdirectory("pg-cose-interop-").FullName;

    public void Dispose()
    {
        chain.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static JsonNode? Header(JsonNode headers, object label) =>
        headers.AsArray().Select(pair => pair!.AsArray()).SingleOrDefault(pair => label is int number
            ? pair[0]!.GetValueKind() == System.Text.Json.JsonValueKind.Number && pair[0]!.GetValue<int>() == number
            : pair[0]!.GetValueKind() == System.Text.Json.JsonValueKind.String && pair[0]!.GetValue<string>() == (string)label)?[1];

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    [Fact]
    public async Task An_envelope_written_here_decodes_with_npm_cbor_to_what_was_written()
    {
        var payload = NotationEnvelopeWriter.Payload(Artifact.MediaType, Artifact.Digest.ToString(), Artifact.Size);
        var envelope = NotationEnvelopeWriter.Sign(payload, chain.Chain, new NotationSigningOptions { TimestampAuthority = chain.Tsa, Expiry = Expiry });
        var path = Path.Combine(folder, "signature.cose");
        File.WriteAllBytes(path, envelope);

        var run = await NodeInterop.RunAsync("decode-cose.mjs", path);
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        var decoded = JsonNode.Parse(run.StandardOutput)!;

        Assert.Equal(18, decoded["tag"]!.GetValue<int>());
        Assert.Equal(Hex(payload), decoded["payload"]!.GetValue<string>());
        Assert.Equal(Hex(NotationEnvelopeWriter.CoseSignatureBytes(envelope)), decoded["signature"]!.GetValue<string>());

        var protectedHeaders = decoded["protected"]!;
        Assert.Equal(-38, Header(protectedHeaders, 1)!.GetValue<int>()); // PS384 for the RSA 3072 leaf
        Assert.Equal(NotationEnvelope.PayloadContentType, Header(protectedHeaders, 3)!.GetValue<string>());
        Assert.Equal(["io.cncf.notary.signingScheme", "io.cncf.notary.expiry"], Header(protectedHeaders, 2)!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(NotationEnvelope.SchemeX509, Header(protectedHeaders, "io.cncf.notary.signingScheme")!.GetValue<string>());
        var signingTime = Header(protectedHeaders, "io.cncf.notary.signingTime")!;
        Assert.Equal(1, signingTime["tag"]!.GetValue<int>());
        Assert.Equal(new NotationSigningOptions().SigningTime.ToUnixTimeSeconds(), signingTime["value"]!.GetValue<long>());
        Assert.Equal(Expiry.ToUnixTimeSeconds(), Header(protectedHeaders, "io.cncf.notary.expiry")!["value"]!.GetValue<long>());

        var unprotectedHeaders = decoded["unprotected"]!;
        Assert.Equal(chain.Chain.Select(c => Hex(c.RawData)), Header(unprotectedHeaders, 33)!.AsArray().Select(n => n!["bstr"]!.GetValue<string>()));
        var token = Header(unprotectedHeaders, "io.cncf.notary.timestampSignature")!["bstr"]!.GetValue<string>();

        // PipelineGuard's reader sees the same message.
        var read = CoseEnvelopeReader.Read(envelope);
        Assert.Equal(Hex(read.Payload.ToArray()), decoded["payload"]!.GetValue<string>());
        Assert.Equal(Hex(read.Signature.ToArray()), decoded["signature"]!.GetValue<string>());
        Assert.Equal(Hex(read.TimestampToken!.Value.ToArray()), token);
        Assert.Equal(NotationSignatureAlgorithm.RsassaPssSha384, read.Algorithm);
        Assert.Equal(Expiry, read.Expiry);
    }

    [Fact]
    public async Task The_message_re_encoded_by_npm_cbor_still_verifies()
    {
        var payload = NotationEnvelopeWriter.Payload(Artifact.MediaType, Artifact.Digest.ToString(), Artifact.Size);
        var path = Path.Combine(folder, "signature.cose");
        var copy = Path.Combine(folder, "re-encoded.cose");
        File.WriteAllBytes(path, NotationEnvelopeWriter.Sign(payload, chain.Chain, new NotationSigningOptions { TimestampAuthority = chain.Tsa }));

        var run = await NodeInterop.RunAsync("decode-cose.mjs", path, copy);
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);

        var store = Path.Combine(folder, "store");
        chain.WriteTrustStore(store);
        var (policy, errors) = TrustPolicyReader.Parse(Encoding.UTF8.GetBytes(NotationTestChain.TrustPolicy(Repository)), "trustpolicy.json");
        Assert.True(policy is not null, string.Join("\n", errors));
        var verifier = new NotationVerifier(policy, NotationTrustStore.FromDirectory(store), new PipelineGuard.Signing.Revocation.OfflineRevocationChecker(), new FixedClock(Now));
        var result = await verifier.VerifyAsync(File.ReadAllBytes(copy), NotationEnvelope.CoseMediaType, Repository, Artifact);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public async Task Npm_cbor_refuses_what_is_not_a_COSE_Sign1_message()
    {
        var path = Path.Combine(folder, "not-cose.bin");
        File.WriteAllBytes(path, [0x82, 0x01, 0x02]); // a CBOR array of two integers
        var run = await NodeInterop.RunAsync("decode-cose.mjs", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a COSE_Sign1_Tagged message", run.StandardError, StringComparison.Ordinal);
    }
}
