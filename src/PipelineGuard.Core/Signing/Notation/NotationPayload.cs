using System.Text.Json;
using PipelineGuard.Oci;

namespace PipelineGuard.Signing.Notation;

/// <summary>The signed payload of a Notary Project signature: the target artifact descriptor.</summary>
internal static class NotationPayload
{
    /// <summary>The target descriptor, or throws <see cref="NotationEnvelopeException"/> naming what is wrong.</summary>
    public static OciDescriptor TargetArtifact(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("targetArtifact", out var target))
            {
                throw new NotationEnvelopeException("payload: no targetArtifact descriptor");
            }
            return OciDescriptor.FromJson(target, "payload targetArtifact");
        }
        catch (JsonException ex)
        {
            throw new NotationEnvelopeException("payload: not JSON: " + ex.Message, ex);
        }
        catch (OciException ex)
        {
            throw new NotationEnvelopeException(ex.Message, ex);
        }
    }
}
