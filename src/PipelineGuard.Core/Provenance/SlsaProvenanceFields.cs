using System.Text.Json;

namespace PipelineGuard.Provenance;

/// <summary>The fields of a SLSA provenance predicate (v1 or v0.2) that policy conditions look at.</summary>
/// <param name="BuilderId">The builder id, or null when the predicate has none.</param>
/// <param name="SourceRepository">The source the build came from, or null.</param>
public sealed record SlsaProvenanceFields(string? BuilderId, string? SourceRepository)
{
    /// <summary>
    /// Reads the builder id and the source: v1 <c>runDetails.builder.id</c> and <c>buildDefinition.externalParameters.source</c>
    /// (a string or an object with <c>uri</c>), else <c>externalParameters.workflow.repository</c>, else the first
    /// <c>resolvedDependencies[].uri</c>; v0.2 <c>builder.id</c> and <c>invocation.configSource.uri</c>, else the first <c>materials[].uri</c>.
    /// </summary>
    public static SlsaProvenanceFields Read(JsonElement predicate)
    {
        if (predicate.ValueKind != JsonValueKind.Object)
        {
            return new SlsaProvenanceFields(null, null);
        }

        var builder = String(predicate, "runDetails", "builder", "id") ?? String(predicate, "builder", "id");
        var source = SourceOf(Property(predicate, "buildDefinition", "externalParameters", "source"))
            ?? String(predicate, "buildDefinition", "externalParameters", "workflow", "repository")
            ?? FirstUri(Property(predicate, "buildDefinition", "resolvedDependencies"))
            ?? String(predicate, "invocation", "configSource", "uri")
            ?? FirstUri(Property(predicate, "materials"));
        return new SlsaProvenanceFields(builder, source);
    }

    private static string? SourceOf(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Object } e => String(e, "uri"),
        _ => null,
    };

    private static string? FirstUri(JsonElement? array)
    {
        if (array is not { ValueKind: JsonValueKind.Array } items)
        {
            return null;
        }

        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && String(item, "uri") is { } uri)
            {
                return uri;
            }
        }

        return null;
    }

    private static string? String(JsonElement element, params string[] path) =>
        Property(element, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static JsonElement? Property(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }
}
