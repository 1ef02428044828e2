using PipelineGuard.Oci;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

/// <summary>How image locations split into path and reference, with Windows-style paths run on any platform.</summary>
public sealed class ImageLocationTests
{
    [Theory]
    [InlineData(@"oci:C:\images\app", ImageLocationKind.OciLayout, @"C:\images\app", "")]
    [InlineData(@"oci:C:\images\app:1.0", ImageLocationKind.OciLayout, @"C:\images\app", "1.0")]
    [InlineData("oci:d:/images/app:1.0", ImageLocationKind.OciLayout, "d:/images/app", "1.0")]
    [InlineData(@"docker-archive:C:\out\app.tar", ImageLocationKind.DockerArchive, @"C:\out\app.tar", "")]
    [InlineData(@"docker-archive:C:\out\app.tar:app:1.0", ImageLocationKind.DockerArchive, @"C:\out\app.tar", "app:1.0")]
    [InlineData("oci:./layout:2.0", ImageLocationKind.OciLayout, "./layout", "2.0")]
    [InlineData("oci:/srv/layout", ImageLocationKind.OciLayout, "/srv/layout", "")]
    public void A_drive_letter_belongs_to_the_path_and_the_next_colon_starts_the_reference(string text, ImageLocationKind kind, string path, string reference)
    {
        Assert.True(ImageLocation.TryParse(text, out var location, out var error), error);
        Assert.Equal(kind, location.Kind);
        Assert.Equal(path, location.Path);
        Assert.Equal(reference, location.Reference);
        Assert.Equal(text, location.ToString());
    }

    [Theory]
    [InlineData("oci:layout:1.0", @"C:\work\layout", @"oci:C:\work\layout:1.0")]
    [InlineData(@"oci:C:\images\app:1.0", @"C:\images\app", @"oci:C:\images\app:1.0")]
    [InlineData("docker-archive:app.tar", @"C:\work\app.tar", @"docker-archive:C:\work\app.tar")]
    public void Local_paths_are_resolved_and_the_reference_is_kept(string text, string resolved, string expected)
    {
        var seen = new List<string>();
        var result = ImageLocation.ResolveLocalPath(text, path =>
        {
            seen.Add(path);
            return resolved;
        });

        Assert.Equal(expected, result);
        Assert.Single(seen);
    }

    [Theory]
    [InlineData("registry.example.com/app:1.0")]
    [InlineData("oci:")]
    public void Registry_references_and_malformed_text_are_not_touched(string text)
    {
        Assert.Equal(text, ImageLocation.ResolveLocalPath(text, _ => throw new InvalidOperationException("not a local path")));
    }
}
