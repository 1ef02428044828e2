namespace PipelineGuard.Sbom;

/// <summary>The CycloneDX spellings of the model's enumerations, shared by the JSON and XML writers.</summary>
internal static class CycloneDxNames
{
    public static string SpecVersion(CycloneDxSpecVersion version) => version switch
    {
        CycloneDxSpecVersion.V1_6 => "1.6",
        CycloneDxSpecVersion.V1_7 => "1.7",
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    public static string ComponentType(SbomComponentType type) => type switch
    {
        SbomComponentType.Library => "library",
        SbomComponentType.Application => "application",
        SbomComponentType.Framework => "framework",
        SbomComponentType.Container => "container",
        SbomComponentType.OperatingSystem => "operating-system",
        SbomComponentType.File => "file",
        SbomComponentType.Platform => "platform",
        SbomComponentType.Data => "data",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string Scope(SbomScope scope) => scope switch
    {
        SbomScope.Required => "required",
        SbomScope.Optional => "optional",
        SbomScope.Excluded => "excluded",
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    public static string Aggregate(SbomCompositionAggregate aggregate) => aggregate switch
    {
        SbomCompositionAggregate.Complete => "complete",
        SbomCompositionAggregate.Incomplete => "incomplete",
        SbomCompositionAggregate.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregate)),
    };

    /// <summary>Compositions in a stable order (by aggregate, then by their sorted refs).</summary>
    public static IEnumerable<SbomComposition> Sorted(IEnumerable<SbomComposition> compositions)
        => compositions.OrderBy(c => c.Aggregate).ThenBy(c => string.Join('\n', c.DependencyRefs.Order(StringComparer.Ordinal)), StringComparer.Ordinal);

    public static string HashAlgorithm(SbomHashAlgorithm algorithm) => algorithm switch
    {
        SbomHashAlgorithm.Sha1 => "SHA-1",
        SbomHashAlgorithm.Sha256 => "SHA-256",
        SbomHashAlgorithm.Sha384 => "SHA-384",
        SbomHashAlgorithm.Sha512 => "SHA-512",
        SbomHashAlgorithm.Md5 => "MD5",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static string ExternalReferenceType(SbomExternalReferenceType type) => type switch
    {
        SbomExternalReferenceType.Website => "website",
        SbomExternalReferenceType.Vcs => "vcs",
        SbomExternalReferenceType.Distribution => "distribution",
        SbomExternalReferenceType.License => "license",
        SbomExternalReferenceType.Documentation => "documentation",
        SbomExternalReferenceType.IssueTracker => "issue-tracker",
        SbomExternalReferenceType.Advisories => "advisories",
        SbomExternalReferenceType.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The timestamp form both writers use: UTC, whole seconds, <c>Z</c>.</summary>
    public static string Timestamp(DateTimeOffset timestamp) => timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The licences to write: an expression alone when there is one, otherwise the ids and names.</summary>
    public static IEnumerable<SbomLicense> LicensesToWrite(IReadOnlyList<SbomLicense> licenses)
    {
        var expression = licenses.FirstOrDefault(l => l.Kind == SbomLicenseKind.Expression);
        return expression is not null ? [expression] : licenses;
    }

    public static IEnumerable<SbomComponent> Sorted(IEnumerable<SbomComponent> components)
        => components.OrderBy(c => c.BomRef, StringComparer.Ordinal);

    public static IEnumerable<SbomDependency> Sorted(IEnumerable<SbomDependency> dependencies)
        => dependencies.OrderBy(d => d.Ref, StringComparer.Ordinal);

    public static IEnumerable<SbomProperty> Sorted(IEnumerable<SbomProperty> properties)
        => properties.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
}
