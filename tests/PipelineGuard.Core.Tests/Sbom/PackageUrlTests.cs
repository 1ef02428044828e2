using Xunit;
using PipelineGuard.Sbom;

namespace PipelineGuard.Core.Tests.Sbom;

public class PackageUrlTests
{
    [Theory]
    [InlineData("Newtonsoft.Json", "13.0.3", "pkg:nuget/Newtonsoft.Json@13.0.3")]
    [InlineData("My Package", "1.0.0+build.5", "pkg:nuget/My%20Package@1.0.0%2Bbuild.5")]
    [InlineData("Ünï", "1.0.0-beta.1", "pkg:nuget/%C3%9Cn%C3%AF@1.0.0-beta.1")]
    public void NuGet_purls_keep_case_and_percent_encode(string id, string version, string expected)
        => Assert.Equal(expected, PackageUrl.NuGet(id, version).ToString());

    [Fact]
    public void Qualifiers_are_sorted_lower_cased_and_encoded()
    {
        var purl = new PackageUrl("DEB", "debian", "openssl", "1:3.0.11-1~deb12u2", [new("distro", "debian-12"), new("Arch", "amd64"), new("empty", "")]);
        Assert.Equal("pkg:deb/debian/openssl@1:3.0.11-1~deb12u2?arch=amd64&distro=debian-12", purl.ToString());
    }

    [Fact]
    public void Namespace_segments_and_subpath_are_encoded_per_segment()
    {
        var purl = new PackageUrl("oci", "my ns/sub", "image", "sha256:abc", [new("repository_url", "localhost:5000/image")], "a b/c");
        Assert.Equal("pkg:oci/my%20ns/sub/image@sha256:abc?repository_url=localhost:5000%2Fimage#a%20b/c", purl.ToString());
    }

    [Theory]
    [InlineData("pkg:nuget/Newtonsoft.Json@13.0.3")]
    [InlineData("pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12")]
    [InlineData("pkg:nuget/My%20Package@1.0.0%2Bbuild.5")]
    public void Parse_round_trips(string text)
        => Assert.Equal(text, PackageUrl.TryParse(text)!.ToString());

    [Theory]
    [InlineData("nuget/Foo@1")]
    [InlineData("pkg:nuget")]
    [InlineData("pkg:nuget/Foo?bad")]
    public void Parse_rejects_non_purls(string text) => Assert.Null(PackageUrl.TryParse(text));
}
