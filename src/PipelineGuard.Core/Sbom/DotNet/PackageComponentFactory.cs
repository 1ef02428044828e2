namespace PipelineGuard.Sbom.DotNet;

/// <summary>Turns a restored package (its nuspec and <c>.nupkg.sha512</c> in the package folder) into component fields.</summary>
internal static class PackageComponentFactory
{
    /// <summary>NuGet writes this URL as licenseUrl for packages that carry a licence element; it names no licence.</summary>
    private const string DeprecatedLicenseUrl = "https://aka.ms/deprecateLicenseUrl";

    public sealed record PackageFacts(NuspecMetadata? Nuspec, string? NuspecRelativePath, string? Sha512Hex, string? MissingReason, string? NuspecError);

    /// <summary>Finds the package in the first folder that has it and reads its nuspec and hash file.</summary>
    public static PackageFacts Read(AssetsLibrary library, IReadOnlyList<string> packageFolders)
    {
        if (library.Path is null)
        {
            return new PackageFacts(null, null, null, "the assets file gives no path for it", null);
        }

        var lowerId = library.Name.ToLowerInvariant();
        foreach (var folder in packageFolders)
        {
            var directory = Path.Combine(folder, library.Path);
            var nuspecPath = Path.Combine(directory, lowerId + ".nuspec");
            if (!File.Exists(nuspecPath))
            {
                continue;
            }

            var (nuspec, error) = NuspecMetadata.TryRead(nuspecPath);
            string? hex = null;
            var shaPath = Path.Combine(directory, $"{lowerId}.{library.Version.ToLowerInvariant()}.nupkg.sha512");
            try
            {
                hex = Base64ToHex(File.ReadAllText(shaPath).Trim());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The assets file's hash is the same value; it is used below.
            }

            var relative = library.Path.TrimEnd('/') + "/" + lowerId + ".nuspec";
            return new PackageFacts(nuspec, relative, hex, null, error);
        }

        return new PackageFacts(null, null, null, packageFolders.Count == 0 ? "the assets file names no package folder" : $"it is not in {string.Join(", ", packageFolders)}", null);
    }

    public static string? Base64ToHex(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 64 ? Convert.ToHexString(bytes).ToLowerInvariant() : null;
    }

    /// <summary>The licence as the nuspec states it; a warning text when a stated expression is not valid SPDX.</summary>
    public static (IReadOnlyList<SbomLicense> Licenses, string? Warning) Licenses(NuspecMetadata nuspec)
    {
        var url = nuspec.LicenseUrl is { } u && !u.Equals(DeprecatedLicenseUrl, StringComparison.OrdinalIgnoreCase) ? u : null;
        if (nuspec.License is { } license)
        {
            if (string.Equals(nuspec.LicenseType, "expression", StringComparison.OrdinalIgnoreCase))
            {
                if (SpdxExpression.IsSingleId(license))
                {
                    return ([SbomLicense.SpdxId(SpdxLicenseList.Canonical(license)!)], null);
                }

                if (SpdxExpression.IsValid(license))
                {
                    return ([SbomLicense.Expression(license)], null);
                }

                return ([SbomLicense.Named(license, url)], $"licence expression '{license}' is not valid SPDX; it is recorded as a licence name");
            }

            if (string.Equals(nuspec.LicenseType, "file", StringComparison.OrdinalIgnoreCase))
            {
                return ([SbomLicense.Named($"See {license} in the package", url)], null);
            }

            return ([SbomLicense.Named(license, url)], null);
        }

        return url is null ? ([], null) : ([SbomLicense.Named(url, url)], null);
    }

    /// <summary>
    /// The supplier of a package: one organisation, never a raw list. A single author (the name the package gives its
    /// publisher, such as <c>Microsoft</c>) is it; else the first owner (the feed account that published it, such as
    /// <c>microsoft</c> of <c>microsoft,dotnetframework</c>); else the first author. Null when the nuspec names nobody.
    /// </summary>
    public static string? Supplier(string? authors, string? owners)
    {
        var authorList = SplitPeople(authors);
        if (authorList.Count == 1)
        {
            return authorList[0];
        }

        var ownerList = SplitPeople(owners);
        return ownerList.Count > 0 ? ownerList[0] : authorList.Count > 0 ? authorList[0] : null;
    }

    public static IReadOnlyList<string> SplitPeople(string? people)
        => people is null ? [] : people.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IReadOnlyList<SbomExternalReference> References(string? projectUrl, string? repositoryUrl, string? repositoryCommit)
    {
        var references = new List<SbomExternalReference>();
        if (IsAbsoluteUrl(projectUrl))
        {
            references.Add(new(SbomExternalReferenceType.Website, projectUrl!));
        }

        if (IsAbsoluteUrl(repositoryUrl))
        {
            references.Add(new(SbomExternalReferenceType.Vcs, repositoryUrl!, repositoryCommit is null ? null : $"commit {repositoryCommit}"));
        }

        return references;
    }

    private static bool IsAbsoluteUrl(string? value) => value is not null && Uri.TryCreate(value, UriKind.Absolute, out _);
}
