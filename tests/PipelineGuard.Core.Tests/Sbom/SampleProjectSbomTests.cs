using System.Security.Cryptography;
using System.Text.Json;
using NuGet.Common;
using NuGet.Packaging;
using NuGet.Packaging.Licenses;
using NuGet.ProjectModel;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>The 15-package sample, restored for real, checked against independent readers (dotnet list package, NuGet.ProjectModel, NuGet.Packaging).</summary>
public sealed class SampleProjectSbomTests(FifteenPackageSample sample) : IClassFixture<FifteenPackageSample>
{
    private SbomDocument Generate(long? epoch = 1_700_000_000)
    {
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = sample.AssetsFile, ProjectFile = sample.Project.ProjectFile, SourceDateEpoch = epoch });
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code != "PGSBOM012");
        return result.Document!;
    }

    [Fact]
    public async Task Purls_equal_what_dotnet_list_package_reports()
    {
        var list = await sample.Project.DotNetAsync("list", "package", "--include-transitive", "--format", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using var json = JsonDocument.Parse(list.StandardOutput);
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var framework in json.RootElement.GetProperty("projects")[0].GetProperty("frameworks").EnumerateArray())
        {
            foreach (var kind in new[] { "topLevelPackages", "transitivePackages" })
            {
                foreach (var package in framework.TryGetProperty(kind, out var packages) ? packages.EnumerateArray() : default)
                {
                    expected.Add(PackageUrl.NuGet(package.GetProperty("id").GetString()!, package.GetProperty("resolvedVersion").GetString()!).ToString());
                }
            }
        }

        var actual = new SortedSet<string>(Generate().Components.Select(c => c.Purl!.ToString()), StringComparer.Ordinal);
        Assert.InRange(expected.Count, 150, 300);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_component_carries_the_SHA512_of_its_nupkg_and_the_assets_content_hash()
    {
        var lockFile = LockFileUtilities.GetLockFile(sample.AssetsFile, NullLogger.Instance);
        var differs = 0;
        foreach (var component in Generate().Components)
        {
            var hash = Assert.Single(component.Hashes);
            Assert.Equal(SbomHashAlgorithm.Sha512, hash.Algorithm);
            var nupkg = Path.Combine(SampleProject.PackagesFolder, component.Name.ToLowerInvariant(), component.Version!.ToLowerInvariant(), $"{component.Name.ToLowerInvariant()}.{component.Version.ToLowerInvariant()}.nupkg");
            Assert.Equal(Convert.ToHexString(SHA512.HashData(File.ReadAllBytes(nupkg))).ToLowerInvariant(), hash.Value);
            var contentHash = Assert.Single(component.Properties, p => p.Name == ProjectSbomGenerator.ContentHashProperty).Value;
            // The assets file holds NuGet's content hash, which leaves out a package signature, so it differs from the file hash for signed packages.
            Assert.Equal(lockFile.GetLibrary(component.Name, NuGet.Versioning.NuGetVersion.Parse(component.Version)).Sha512, contentHash);
            differs += Convert.ToHexString(Convert.FromBase64String(contentHash)).Equals(hash.Value, StringComparison.OrdinalIgnoreCase) ? 0 : 1;
        }

        Assert.True(differs > 0, "no signed package in the sample: the two hashes were never told apart");
    }

    [Fact]
    public void Licences_match_the_nuspecs()
    {
        var checkedExpressions = 0;
        foreach (var component in Generate().Components)
        {
            var nuspecPath = Path.Combine(SampleProject.PackagesFolder, component.Name.ToLowerInvariant(), component.Version!.ToLowerInvariant(), component.Name.ToLowerInvariant() + ".nuspec");
            var nuspec = new NuspecReader(nuspecPath);
            var metadata = nuspec.GetLicenseMetadata();
            if (metadata is null)
            {
                var url = nuspec.GetLicenseUrl();
                if (string.IsNullOrEmpty(url))
                {
                    Assert.Empty(component.Licenses);
                }
                else
                {
                    Assert.Equal(url, Assert.Single(component.Licenses).Url);
                }

                continue;
            }

            var license = Assert.Single(component.Licenses);
            if (metadata.Type == LicenseType.Expression)
            {
                Assert.Equal(metadata.License, license.Value);
                Assert.Equal(metadata.License.Contains(' ', StringComparison.Ordinal) ? SbomLicenseKind.Expression : SbomLicenseKind.SpdxId, license.Kind);
                checkedExpressions++;
            }
            else
            {
                Assert.Equal(SbomLicenseKind.Named, license.Kind);
                Assert.Contains(metadata.License, license.Value, StringComparison.Ordinal);
            }
        }

        Assert.True(checkedExpressions > 100, $"only {checkedExpressions} expression licences");
    }

    [Fact]
    public void Expressions_are_never_split()
    {
        var expressions = Generate().Components.SelectMany(c => c.Licenses).Where(l => l.Kind == SbomLicenseKind.Expression).ToList();
        Assert.All(expressions, l => Assert.True(SpdxExpression.IsValid(l.Value) && l.Value.Contains(' ', StringComparison.Ordinal), l.Value));
    }

    [Fact]
    public void Graph_matches_the_assets_file_edge_for_edge()
    {
        var document = Generate();
        var lockFile = LockFileUtilities.GetLockFile(sample.AssetsFile, NullLogger.Instance);
        var target = Assert.Single(lockFile.Targets, t => t.RuntimeIdentifier is null);
        var byName = target.Libraries.ToDictionary(l => l.Name!, StringComparer.OrdinalIgnoreCase);
        string Purl(LockFileTargetLibrary library) => PackageUrl.NuGet(library.Name!, library.Version!.ToNormalizedString()).ToString();
        var actual = document.Dependencies.ToDictionary(d => d.Ref, d => new SortedSet<string>(d.DependsOn, StringComparer.Ordinal));
        foreach (var library in target.Libraries)
        {
            var expected = new SortedSet<string>(library.Dependencies.Select(d => Purl(byName[d.Id])), StringComparer.Ordinal);
            Assert.Equal(expected, actual[Purl(library)]);
        }

        var direct = lockFile.ProjectFileDependencyGroups.Single().Dependencies.Select(d => Purl(byName[d.Split(' ')[0]]));
        Assert.Equal(new SortedSet<string>(direct, StringComparer.Ordinal), actual[document.Metadata.Component!.BomRef]);
        Assert.Equal(target.Libraries.Count + 1, document.Dependencies.Count);
        var directCount = document.Components.Count(c => c.Properties.Any(p => p.Name == ProjectSbomGenerator.DirectProperty));
        Assert.Equal(FifteenPackageSample.TopLevel.Length, directCount);
    }

    [Fact]
    public void Root_component_comes_from_the_project_properties()
    {
        var root = Generate().Metadata.Component!;
        Assert.Equal("Sample.Service", root.Name);
        Assert.Equal("1.2.3", root.Version);
        // A packable project is published as PackageId@Version; its bom-ref stays the project's own.
        Assert.Equal("pkg:nuget/Sample.Service@1.2.3", root.Purl!.ToString());
        Assert.StartsWith("project:", root.BomRef, StringComparison.Ordinal);
        Assert.Equal(SbomComponentType.Application, root.Type);
        Assert.Equal(["Jane Doe", "Sample Corp"], root.Authors);
        var vcs = Assert.Single(root.ExternalReferences, r => r.Type == SbomExternalReferenceType.Vcs);
        Assert.Equal("https://example.com/sample/service.git", vcs.Url);
        Assert.Contains("0123456789abcdef0123456789abcdef01234567", vcs.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_format_validates_with_third_party_validators()
        => await SbomAssertions.AllFormatsValidateAsync(Generate(), "sbom-sample");

    [Fact]
    public async Task Same_input_and_SOURCE_DATE_EPOCH_give_byte_identical_files()
    {
        var first = Generate();
        var second = Generate();
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), first.Metadata.Timestamp);
        Assert.Equal('5', first.SerialNumber.ToString("D")[14]);
        foreach (var format in Enum.GetValues<SbomFormat>())
        {
            foreach (var spec in Enum.GetValues<CycloneDxSpecVersion>())
            {
                Assert.Equal(Bytes(first, format, spec), Bytes(second, format, spec));
            }
        }

        var path = Path.Combine(RepositoryPaths.NewTempDirectory("sbom-repro"), "a.cdx.json");
        Assert.True(await SbomWriter.WriteFileIfChangedAsync(first, path, SbomFormat.CycloneDxJson));
        var written = File.GetLastWriteTimeUtc(path);
        Assert.False(await SbomWriter.WriteFileIfChangedAsync(second, path, SbomFormat.CycloneDxJson));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));

        var later = Generate(1_700_000_001);
        Assert.NotEqual(first.SerialNumber, later.SerialNumber);
    }

    [Fact]
    public async Task Repository_signatures_are_recorded_with_their_service_index()
    {
        var signed = await PipelineGuard.Sbom.Signatures.NuGetSignatureReader.AddSignaturesAsync(Generate(), [SampleProject.PackagesFolder]);
        string? Property(SbomComponent c, string name) => c.Properties.SingleOrDefault(p => p.Name == name)?.Value;
        Assert.All(signed.Components, c => Assert.Contains(Property(c, PipelineGuard.Sbom.Signatures.NuGetSignatureReader.SignatureProperty), new[] { "author", "repository" }));
        var indexes = signed.Components.Select(c => Property(c, PipelineGuard.Sbom.Signatures.NuGetSignatureReader.RepositorySignatureProperty)).ToList();
        Assert.All(indexes, url => Assert.Matches("^https://[^/]+/v3/index\\.json$", url));
        Assert.Single(indexes.Distinct());

        var missing = await PipelineGuard.Sbom.Signatures.NuGetSignatureReader.AddSignaturesAsync(Generate(), [RepositoryPaths.NewTempDirectory("no-packages")]);
        Assert.All(missing.Components, c => Assert.Equal("unknown", Property(c, PipelineGuard.Sbom.Signatures.NuGetSignatureReader.SignatureProperty)));
        Assert.All(missing.Components, c => Assert.NotNull(Property(c, PipelineGuard.Sbom.Signatures.NuGetSignatureReader.SignatureErrorProperty)));
    }

    private static byte[] Bytes(SbomDocument document, SbomFormat format, CycloneDxSpecVersion spec)
    {
        using var stream = new MemoryStream();
        SbomWriter.Write(document, stream, format, spec);
        return stream.ToArray();
    }
}
