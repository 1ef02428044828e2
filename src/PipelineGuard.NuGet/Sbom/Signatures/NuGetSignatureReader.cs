using System.Runtime.CompilerServices;
using NuGet.Packaging;
using NuGet.Packaging.Signing;

namespace PipelineGuard.Sbom.Signatures;

/// <summary>
/// Records, per <c>pkg:nuget</c> component, which signature its <c>.nupkg</c> carries, read with NuGet.Packaging (the
/// only SBOM class that loads it, and only when signatures are asked for). It reads what is there; it does not verify
/// trust (that is <c>dotnet nuget verify</c>'s job). Properties written:
/// <c>pipelineguard:nuget:signature</c> = <c>author</c>, <c>repository</c>, <c>unsigned</c> or <c>unknown</c>;
/// <c>pipelineguard:nuget:repositorySignature</c> = the service index URL named by the repository signature or
/// countersignature (so a consumer can check it is the public gallery's); <c>pipelineguard:nuget:signatureError</c> =
/// why it is unknown. If NuGet.Packaging cannot load, every package is <c>unknown</c> with the reason, never a crash.
/// </summary>
public static class NuGetSignatureReader
{
    /// <summary>The signature kind property.</summary>
    public const string SignatureProperty = "pipelineguard:nuget:signature";

    /// <summary>The repository signature's service index URL property.</summary>
    public const string RepositorySignatureProperty = "pipelineguard:nuget:repositorySignature";

    /// <summary>Why the signature is unknown.</summary>
    public const string SignatureErrorProperty = "pipelineguard:nuget:signatureError";

    /// <summary>Adds the signature properties to the NuGet components found in <paramref name="packageFolders"/>.</summary>
    public static async Task<SbomDocument> AddSignaturesAsync(SbomDocument document, IReadOnlyList<string> packageFolders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(packageFolders);
        var components = new List<SbomComponent>(document.Components.Count);
        foreach (var component in document.Components)
        {
            if (component.Purl is not { Type: "nuget", Version: { } version } purl)
            {
                components.Add(component);
                continue;
            }

            var id = purl.Name.ToLowerInvariant();
            var nupkg = packageFolders.Select(f => Path.Combine(f, id, version.ToLowerInvariant(), $"{id}.{version.ToLowerInvariant()}.nupkg")).FirstOrDefault(File.Exists);
            List<SbomProperty> added;
            if (nupkg is null)
            {
                added = [new(SignatureProperty, "unknown"), new(SignatureErrorProperty, "the .nupkg is not in the package folder")];
            }
            else
            {
                try
                {
                    added = await ReadAsync(nupkg, cancellationToken);
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException or BadImageFormatException)
                {
                    added = [new(SignatureProperty, "unknown"), new(SignatureErrorProperty, $"NuGet.Packaging could not be loaded: {e.Message}")];
                }
                catch (Exception e) when (e is IOException or InvalidDataException or SignatureException or System.Security.Cryptography.CryptographicException)
                {
                    added = [new(SignatureProperty, "unknown"), new(SignatureErrorProperty, e.Message)];
                }
            }

            components.Add(component with { Properties = [.. component.Properties, .. added] });
        }

        return document with { Components = components };
    }

    // Kept apart so that a NuGet.Packaging load failure surfaces as an exception at this call, which the caller records.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<List<SbomProperty>> ReadAsync(string nupkg, CancellationToken cancellationToken)
    {
        using var reader = new PackageArchiveReader(nupkg);
        var primary = await reader.GetPrimarySignatureAsync(cancellationToken);
        if (primary is null)
        {
            return [new(SignatureProperty, "unsigned")];
        }

        var properties = new List<SbomProperty>();
        if (primary is RepositoryPrimarySignature repository)
        {
            properties.Add(new(SignatureProperty, "repository"));
            properties.Add(new(RepositorySignatureProperty, repository.V3ServiceIndexUrl.ToString()));
        }
        else
        {
            properties.Add(new(SignatureProperty, "author"));
            if (RepositoryCountersignature.GetRepositoryCountersignature(primary) is { } countersignature)
            {
                properties.Add(new(RepositorySignatureProperty, countersignature.V3ServiceIndexUrl.ToString()));
            }
        }

        return properties;
    }
}
