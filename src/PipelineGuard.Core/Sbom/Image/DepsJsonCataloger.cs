using System.Text.Json;

namespace PipelineGuard.Sbom.Image;

/// <summary>Reads the <c>libraries</c> of a .NET application's <c>*.deps.json</c>: each <c>"type": "package"</c> entry is a NuGet package.</summary>
public static class DepsJsonCataloger
{
    /// <summary>The NuGet packages; null with an error message when the file is not valid JSON.</summary>
    public static (IReadOnlyList<ImagePackage> Packages, string? Error) Parse(ReadOnlySpan<byte> json, string location, string layerDigest)
    {
        var packages = new List<ImagePackage>();
        try
        {
            PipelineGuard.IO.Utf8Json.EnsureValid(json);
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            if (!document.RootElement.TryGetProperty("libraries", out var libraries) || libraries.ValueKind != JsonValueKind.Object)
            {
                return (packages, null);
            }

            foreach (var library in libraries.EnumerateObject())
            {
                if (library.Value.ValueKind != JsonValueKind.Object
                    || !library.Value.TryGetProperty("type", out var type) || type.GetString() != "package")
                {
                    continue;
                }

                var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0 || slash == library.Name.Length - 1)
                {
                    continue;
                }

                string? sha512 = null;
                if (library.Value.TryGetProperty("sha512", out var hash) && hash.GetString() is { } text && text.StartsWith("sha512-", StringComparison.Ordinal))
                {
                    try
                    {
                        var bytes = Convert.FromBase64String(text["sha512-".Length..]);
                        sha512 = bytes.Length == 64 ? Convert.ToHexString(bytes).ToLowerInvariant() : null;
                    }
                    catch (FormatException)
                    {
                    }
                }

                packages.Add(new ImagePackage(ImagePackageKind.NuGet, library.Name[..slash], library.Name[(slash + 1)..], location, layerDigest) { Sha512 = sha512 });
            }

            return (packages, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return ([], $"not valid JSON: {ex.Message}");
        }
    }
}
