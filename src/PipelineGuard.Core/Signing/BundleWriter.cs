using System.Text.Json;

namespace PipelineGuard.Signing;

/// <summary>Writes Sigstore bundles v0.3 as <c>sign-blob --bundle</c> and <c>attest-blob</c> produce them.</summary>
public static class BundleWriter
{
    /// <summary>The bundle JSON (indented, UTF-8, newline at the end).</summary>
    public static byte[] Write(SigstoreBundle bundle)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Indented))
        {
            json.WriteStartObject();
            json.WriteString("mediaType", bundle.MediaType);
            json.WriteStartObject("verificationMaterial");
            json.WriteStartObject("publicKey");
            json.WriteString("hint", bundle.KeyHint ?? string.Empty);
            json.WriteEndObject();
            json.WriteEndObject();
            if (bundle.MessageSignature is { } message)
            {
                json.WriteStartObject("messageSignature");
                json.WriteStartObject("messageDigest");
                json.WriteString("algorithm", message.Algorithm.Name);
                json.WriteString("digest", Convert.ToBase64String(message.Digest));
                json.WriteEndObject();
                json.WriteString("signature", Convert.ToBase64String(message.Signature));
                json.WriteEndObject();
            }
            else if (bundle.DsseEnvelope is { } envelope)
            {
                json.WritePropertyName("dsseEnvelope");
                Dsse.WriteEnvelope(json, envelope, bundleOrder: true);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
