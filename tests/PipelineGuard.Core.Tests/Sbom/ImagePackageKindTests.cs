using PipelineGuard.Sbom.Image;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>Every package kind has its own package-URL type: none falls back to another kind's (rpm used to catch all).</summary>
public sealed class ImagePackageKindTests
{
    [Fact]
    public void Every_kind_maps_to_a_distinct_package_url_type()
    {
        var types = Enum.GetValues<ImagePackageKind>().Select(k => ImageSbomGenerator.PackageUrlType(k).Type).ToList();
        Assert.Equal(types.Count, types.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(ImagePackageKind.Deb, "deb", "debian")]
    [InlineData(ImagePackageKind.Apk, "apk", "alpine")]
    [InlineData(ImagePackageKind.Rpm, "rpm", "redhat")]
    public void Operating_system_kinds_keep_their_type_and_default_namespace(ImagePackageKind kind, string type, string defaultNamespace)
    {
        Assert.Equal((type, defaultNamespace), ImageSbomGenerator.PackageUrlType(kind));
    }

    [Fact]
    public void A_value_outside_the_enum_is_refused_not_labelled_rpm()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageSbomGenerator.PackageUrlType((ImagePackageKind)99));
    }
}
