using PipelineGuard.Oci;

namespace PipelineGuard.Sbom.Image;

/// <summary>
/// Makes the SBOM of a container image: resolves the image (registry, OCI layout or docker archive), catalogues its
/// final filesystem with <see cref="ImageCataloger"/>, and maps the findings onto the format-neutral model: the image
/// is <c>metadata.component</c> (type container, version = digest), <c>etc/os-release</c> the operating-system
/// component, packages carry purls with distro qualifiers, licences from the package database, and the path and layer
/// digest they were read from as evidence.
/// </summary>
public static class ImageSbomGenerator
{
    /// <summary>The property naming the layer a component's evidence was read from.</summary>
    public const string LayerProperty = "pipelineguard:image:layer";

    /// <summary>Generates the SBOM; failures (unreachable registry, wrong digest, limits) come back as error diagnostics, never as a document.</summary>
    public static async Task<ImageSbomResult> GenerateAsync(ImageSbomOptions options, CancellationToken cancellationToken = default)
    {
        if (!ImageLocation.TryParse(options.Image, out var location, out var error))
        {
            return new ImageSbomResult(null, null, [SbomDiagnostic.Error("PGIMG010", $"invalid image '{options.Image}': {error}.")]) { IsUsageError = true };
        }

        try
        {
            var limits = options.Limits;
            using var store = await location.OpenStoreAsync(options.Registry with { IsCommandTarget = true }, limits.TarLimitsFor(-1), cancellationToken);
            var resolved = await ResolvedImage.ResolveAsync(store, location.Repository, location.Reference, options.Platform, limits.MaxConfigBytes, cancellationToken: cancellationToken);
            var catalog = await ImageCataloger.CatalogAsync(store, location.Repository, resolved, location.ToString(), limits, options.Progress, cancellationToken);
            return new ImageSbomResult(ToDocument(catalog, location, options.SourceDateEpoch), catalog, catalog.Diagnostics);
        }
        catch (OciException ex)
        {
            return new ImageSbomResult(null, null, [SbomDiagnostic.Error(ex.Kind == OciErrorKind.LimitExceeded ? "PGIMG012" : "PGIMG011", ex.Message)])
            {
                IsUsageError = ex.Kind == OciErrorKind.InvalidInput,
            };
        }
        catch (IOException ex)
        {
            return new ImageSbomResult(null, null, [SbomDiagnostic.Error("PGIMG011", $"{options.Image}: {ex.Message}")]);
        }
        catch (UnauthorizedAccessException ex)
        {
            return new ImageSbomResult(null, null, [SbomDiagnostic.Error("PGIMG011", $"{options.Image}: {ex.Message}")]);
        }
    }

    /// <summary>Maps a catalogue onto an SBOM document.</summary>
    public static SbomDocument ToDocument(ImageCatalog catalog, ImageLocation location, long? sourceDateEpoch = null)
    {
        var image = ImageComponent(catalog, location);
        var os = catalog.OperatingSystem;
        var components = new List<SbomComponent>();
        SbomComponent? osComponent = null;
        if (os is not null)
        {
            osComponent = new SbomComponent
            {
                BomRef = $"os:{os.Id}@{os.VersionId ?? os.VersionCodename ?? "unknown"}",
                Type = SbomComponentType.OperatingSystem,
                Name = os.Id,
                Version = os.VersionId ?? os.VersionCodename,
                Description = os.PrettyName ?? os.Name,
                ExternalReferences = os.HomeUrl is { Length: > 0 } home ? [new SbomExternalReference(SbomExternalReferenceType.Website, home)] : [],
                Properties = catalog.OperatingSystemSource is { } source ? [new SbomProperty(LayerProperty, source.LayerDigest)] : [],
                Evidence = catalog.OperatingSystemSource is { } where
                    ? new SbomEvidence([], [new SbomOccurrence(where.Location, $"layer {where.LayerDigest}")])
                    : null,
            };
            components.Add(osComponent);
        }

        var byRef = new Dictionary<string, SbomComponent>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var package in catalog.Packages)
        {
            var component = PackageComponent(package, os);
            if (byRef.TryGetValue(component.BomRef, out var existing))
            {
                var occurrences = existing.Evidence!.Occurrences.Concat(component.Evidence!.Occurrences).DistinctBy(o => (o.Location, o.AdditionalContext)).ToList();
                byRef[component.BomRef] = existing with { Evidence = existing.Evidence with { Occurrences = occurrences } };
                continue;
            }

            byRef[component.BomRef] = component;
            order.Add(component.BomRef);
        }

        var packages = order.Select(r => byRef[r]).ToList();
        components.AddRange(packages);
        var systemRefs = packages.Where(p => p.Purl?.Type is "deb" or "apk" or "rpm").Select(p => p.BomRef).ToList();
        var otherRefs = packages.Where(p => p.Purl?.Type is not ("deb" or "apk" or "rpm")).Select(p => p.BomRef).ToList();
        var dependencies = new List<SbomDependency>();
        if (osComponent is not null)
        {
            dependencies.Add(new SbomDependency(image.BomRef, [osComponent.BomRef, .. otherRefs]));
            dependencies.Add(new SbomDependency(osComponent.BomRef, systemRefs));
        }
        else
        {
            dependencies.Add(new SbomDependency(image.BomRef, [.. systemRefs, .. otherRefs]));
        }

        var timestamp = DateTimeOffset.FromUnixTimeSeconds(sourceDateEpoch ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var document = new SbomDocument
        {
            SerialNumber = Guid.Empty,
            Metadata = new SbomMetadata
            {
                Timestamp = timestamp,
                Tools = [new SbomTool(PipelineGuardInfo.ProductName, PipelineGuardInfo.ShortVersion, "PipelineGuard")],
                Component = image,
            },
            Components = components,
            Dependencies = dependencies,
        };
        return document with { SerialNumber = sourceDateEpoch is null ? SbomSerialNumber.Random() : SbomSerialNumber.FromContent(document) };
    }

    private static SbomComponent ImageComponent(ImageCatalog catalog, ImageLocation location)
    {
        var resolved = catalog.Resolved;
        var digest = resolved.Digest.ToString();
        string name;
        var qualifiers = new List<KeyValuePair<string, string>>();
        switch (location.Kind)
        {
            case ImageLocationKind.Registry:
                var reference = location.RegistryReference!;
                name = reference.Name;
                qualifiers.Add(KeyValuePair.Create("repository_url", reference.Name));
                if (reference.Tag is not null)
                {
                    qualifiers.Add(KeyValuePair.Create("tag", reference.Tag));
                }

                break;
            default:
                name = location.Reference is { Length: > 0 } tag && !tag.StartsWith('@') && !Digest.TryParse(tag, out _, out _)
                    ? tag
                    : Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(location.Path)));
                if (location.Kind == ImageLocationKind.OciLayout && location.Reference.Length > 0)
                {
                    qualifiers.Add(KeyValuePair.Create("tag", location.Reference));
                }

                break;
        }

        var purlName = name.Split('/')[^1].Split(':')[0].ToLowerInvariant();
        if (purlName.Length == 0)
        {
            purlName = "image";
        }

        var properties = new List<SbomProperty>
        {
            new("pipelineguard:image:manifest-digest", resolved.ManifestContent.Digest.ToString()),
            new("pipelineguard:image:config-digest", resolved.Manifest.Config!.Digest.ToString()),
        };
        if (resolved.Platform is not null)
        {
            properties.Add(new SbomProperty("pipelineguard:image:platform", resolved.Platform.ToString()));
        }

        properties.AddRange(catalog.Layers.Select(l => new SbomProperty(LayerProperty, l.Digest.ToString())));
        return new SbomComponent
        {
            BomRef = $"image:{digest}",
            Type = SbomComponentType.Container,
            Name = name,
            Version = digest,
            Purl = new PackageUrl("oci", null, purlName, digest, qualifiers),
            Hashes = resolved.Digest.Algorithm == Digest.Sha256 ? [new SbomHash(SbomHashAlgorithm.Sha256, resolved.Digest.Hex)] : [new SbomHash(SbomHashAlgorithm.Sha512, resolved.Digest.Hex)],
            Properties = properties,
        };
    }

    /// <summary>
    /// The package-URL type of an operating-system package kind and the namespace used when the image names no
    /// distribution. Every kind is listed: a new kind without its row fails its test instead of being labelled as another.
    /// </summary>
    private static SbomComponent PackageComponent(ImagePackage package, OsRelease? os)
    {
        PackageUrl purl;
        switch (package.Kind)
        {
            case ImagePackageKind.NuGet:
                purl = PackageUrl.NuGet(package.Name, package.Version);
                break;
            default:
                var (type, defaultNamespace) = ImagePackageCatalogers.PackageUrlType(package.Kind);
                var ns = os?.Id ?? defaultNamespace;
                var qualifiers = new List<KeyValuePair<string, string>>();
                if (package.Architecture is { Length: > 0 } arch)
                {
                    qualifiers.Add(KeyValuePair.Create("arch", arch));
                }

                if (os is not null)
                {
                    qualifiers.Add(KeyValuePair.Create("distro", os.Distro));
                }

                if (package.Source is { Length: > 0 } source)
                {
                    qualifiers.Add(KeyValuePair.Create("upstream", source));
                }

                if (package.Epoch is { Length: > 0 } epoch)
                {
                    qualifiers.Add(KeyValuePair.Create("epoch", epoch));
                }

                purl = new PackageUrl(type, ns, package.Name, package.Version, qualifiers);
                break;
        }

        var properties = new List<SbomProperty> { new(LayerProperty, package.LayerDigest) };
        if (package.Source is { Length: > 0 } upstream)
        {
            properties.Add(new SbomProperty("pipelineguard:package:source", upstream));
        }

        return new SbomComponent
        {
            BomRef = purl.ToString(),
            Type = SbomComponentType.Library,
            Name = package.Name,
            Version = package.Version,
            Purl = purl,
            Description = package.Description,
            Publisher = package.Maintainer,
            Hashes = package.Sha512 is { } sha512 ? [new SbomHash(SbomHashAlgorithm.Sha512, sha512)] : [],
            Licenses = Licenses(package.License),
            Properties = properties,
            Evidence = new SbomEvidence(
                [new SbomIdentityEvidence("purl", "manifest-analysis", 1.0, package.Location)],
                [new SbomOccurrence(package.Location, $"layer {package.LayerDigest}")]),
        };
    }

    private static IReadOnlyList<SbomLicense> Licenses(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        text = text.Trim();
        if (SpdxExpression.IsSingleId(text))
        {
            return [SbomLicense.SpdxId(SpdxLicenseList.Canonical(text) ?? text)];
        }

        return SpdxExpression.IsValid(text) ? [SbomLicense.Expression(text)] : [SbomLicense.Named(text)];
    }
}
