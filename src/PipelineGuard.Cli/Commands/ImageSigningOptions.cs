using System.CommandLine;
using PipelineGuard.Oci;

namespace PipelineGuard.Cli.Commands;

/// <summary>Options shared by the image signing verbs: <c>-a k=v</c> and <c>--allow-http-registry</c>.</summary>
internal static class ImageSigningOptions
{
    public static Option<string[]> Annotations() => new("--annotations", "-a")
    {
        Description = "An annotation k=v (repeatable): signed into the payload by sign, required by verify.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> AllowHttpRegistry() => new("--allow-http-registry") { Description = "Talk to the registry over plain HTTP." };

    public static RegistryClientOptions Registry(bool allowHttp) => new() { AllowHttp = allowHttp };

    /// <summary>Parses k=v pairs; null with the offending text when one lacks '='.</summary>
    public static (Dictionary<string, string>? Map, string? Bad) ParseAnnotations(string[]? values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return (null, value);
            }

            map[value[..eq]] = value[(eq + 1)..];
        }

        return (map, null);
    }
}
