using System.Text;
using PipelineGuard.Oci;
using PipelineGuard.Signing.Notation;

namespace PipelineGuard.Testing.Notation;

/// <summary>
/// Attaches a Notary Project signature to an image as Notation does: a signature manifest (artifact type
/// <c>application/vnd.cncf.notary.signature</c>, the empty config, the envelope as its one layer, a <c>subject</c> naming the
/// image), stored by digest; and, for registries without a referrers API, listed in the <c>sha256-HEX</c> tag-schema index.
/// </summary>
public static class NotationImageWriter
{
    private const string EmptyConfigDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    /// <summary>Signs <paramref name="subject"/> with <paramref name="chain"/> and attaches the envelope; returns the signature manifest's digest.</summary>
    public static Task<Digest> SignAsync(IImageStore store, string repository, PipelineGuard.Oci.OciDescriptor subject, NotationTestChain chain, NotationSigningOptions? options = null, bool tagIndex = true)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(chain);
        options ??= new NotationSigningOptions { TimestampAuthority = chain.Tsa };
        var envelope = NotationEnvelopeWriter.Sign(NotationEnvelopeWriter.Payload(subject.MediaType, subject.Digest.ToString(), subject.Size), chain.Chain, options);
        var mediaType = options.Format == NotationEnvelopeFormat.Cose ? NotationEnvelope.CoseMediaType : NotationEnvelope.JwsMediaType;
        return AttachAsync(store, repository, subject, envelope, mediaType, tagIndex);
    }

    /// <summary>Attaches <paramref name="envelope"/> to <paramref name="subject"/>; returns the signature manifest's digest.</summary>
    public static async Task<Digest> AttachAsync(IImageStore store, string repository, PipelineGuard.Oci.OciDescriptor subject, byte[] envelope, string envelopeMediaType, bool tagIndex = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(envelope);
        var envelopeDigest = Digest.Compute(envelope);
        await store.PutBlobAsync(repository, envelopeDigest, new MemoryStream(envelope), envelope.Length);
        var empty = "{}"u8.ToArray();
        await store.PutBlobAsync(repository, Digest.Parse(EmptyConfigDigest), new MemoryStream(empty), empty.Length);
        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{OciMediaTypes.ImageManifest}\",\"artifactType\":\"{NotationImageVerifier.SignatureArtifactType}\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"{EmptyConfigDigest}\",\"size\":2}}," +
            $"\"layers\":[{{\"mediaType\":\"{envelopeMediaType}\",\"digest\":\"{envelopeDigest}\",\"size\":{envelope.Length}}}]," +
            $"\"subject\":{{\"mediaType\":\"{subject.MediaType}\",\"digest\":\"{subject.Digest}\",\"size\":{subject.Size}}}," +
            "\"annotations\":{\"io.cncf.notary.x509chain.thumbprint#S256\":\"[]\"}}");
        var digest = Digest.Compute(manifest);
        await store.PutManifestAsync(repository, digest.ToString(), manifest, OciMediaTypes.ImageManifest);
        if (!tagIndex)
        {
            return digest;
        }

        // The referrers tag schema: an index under sha256-HEX listing every referrer, extended with this one.
        var tag = subject.Digest.ToTagSchema();
        var entries = new List<string>();
        try
        {
            var existing = (await store.GetManifestAsync(repository, tag)).Parse("referrers index");
            entries.AddRange(existing.Manifests.Select(m => m.ToJson().ToJsonString()));
        }
        catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
        {
        }

        entries.Add($"{{\"mediaType\":\"{OciMediaTypes.ImageManifest}\",\"digest\":\"{digest}\",\"size\":{manifest.Length},\"artifactType\":\"{NotationImageVerifier.SignatureArtifactType}\"}}");
        var index = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"{OciMediaTypes.ImageIndex}\",\"manifests\":[{string.Join(",", entries)}]}}");
        await store.PutManifestAsync(repository, tag, index, OciMediaTypes.ImageIndex);
        return digest;
    }
}
