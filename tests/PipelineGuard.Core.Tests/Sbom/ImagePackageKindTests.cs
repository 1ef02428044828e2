using PipelineGuard.Sbom.Image;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>Every package kind has its own package-URL type: none falls back to another kind's (rpm used to catch all).</summary>
public sealed class ImagePackageKindTests
{
    [Fact]
    public void Every_kind_maps_to_a_distinct_package_url_type()
    {
        var types = Enum.GetValues<ImagePackageKind>().Select(k => ImagePackageCatalogers.PackageUrlType(k).Type).ToList();
        Assert.Equal(types.Count, types.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(ImagePackageKind.Deb, "deb", "debian")]
    [InlineData(ImagePackageKind.Apk, "apk", "alpine")]
    [InlineData(ImagePackageKind.Rpm, "rpm", "redhat")]
    public void Operating_system_kinds_keep_their_type_and_default_namespace(ImagePackageKind kind, string type, string defaultNamespace)
    {
        Assert.Equal((type, defaultNamespace), ImagePackageCatalogers.PackageUrlType(kind));
    }

    [Fact]
    public void A_value_outside_the_enum_is_refused_not_labelled_rpm()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImagePackageCatalogers.PackageUrlType((ImagePackageKind)99));
    }

    [Fact]
    public void Every_kind_has_a_registered_cataloger()
    {
        var kinds = ImagePackageCatalogers.All.Select(c => c.Kind).OfType<ImagePackageKind>().ToHashSet();
        Assert.Equal(Enum.GetValues<ImagePackageKind>().ToHashSet(), kinds);
        Assert.Equal(ImagePackageCatalogers.All.Count, ImagePackageCatalogers.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("var/lib/dpkg/status", "dpkg")]
    [InlineData("var/lib/dpkg/status.d/base", "dpkg")]
    [InlineData("var/lib/dpkg/status.d/base.md5sums", null)]
    [InlineData("var/lib/dpkg/status.d/nested/base", null)]
    [InlineData("lib/apk/db/installed", "apk")]
    [InlineData("var/lib/rpm/rpmdb.sqlite", "rpm")]
    [InlineData("usr/lib/sysimage/rpm/rpmdb.sqlite", "rpm")]
    [InlineData("var/lib/rpm/Packages", "rpm-berkeleydb")]
    [InlineData("app/HelloService.deps.json", "deps.json")]
    [InlineData("etc/passwd", null)]
    public void Each_database_path_is_claimed_by_exactly_the_cataloger_that_reads_it(string path, string? cataloger)
    {
        Assert.Equal(cataloger, ImagePackageCatalogers.For(path)?.Name);
        Assert.True(ImagePackageCatalogers.All.Count(c => c.Claims(path)) <= 1, $"{path} is claimed by more than one cataloger");
    }

    [Fact]
    public void A_BerkeleyDB_rpm_database_is_a_warning_not_an_empty_success()
    {
        var output = ImagePackageCatalogers.For("var/lib/rpm/Packages")!.Read([1, 2, 3], "/var/lib/rpm/Packages", "sha256:00");
        Assert.Empty(output.Packages);
        Assert.Equal("PGIMG003", output.Warning?.Code);
    }
}
