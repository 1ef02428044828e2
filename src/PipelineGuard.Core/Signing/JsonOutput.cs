using System.Text.Encodings.Web;
using System.Text.Json;

namespace PipelineGuard.Signing;

/// <summary>JSON writer settings for signed documents: characters like <c>+</c> stay literal, as other Sigstore tools write them.</summary>
internal static class JsonOutput
{
    public static JsonWriterOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonWriterOptions Indented { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static JsonSerializerOptions Serializer { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
