using PipelineGuard.Oci;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

public sealed class ImageReferenceTests
{
    private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("ubuntu", "docker.io", "library/ubuntu", null, "docker.io/library/ubuntu")]
    [InlineData("ubuntu:22.04", "docker.io", "library/ubuntu", "22.04", "docker.io/library/ubuntu:22.04")]
    [InlineData("library/ubuntu", "docker.io", "library/ubuntu", null, "docker.io/library/ubuntu")]
    [InlineData("docker.io/ubuntu", "docker.io", "library/ubuntu", null, "docker.io/library/ubuntu")]
    [InlineData("index.docker.io/ubuntu:latest", "docker.io", "library/ubuntu", "latest", "docker.io/library/ubuntu:latest")]
    [InlineData("user/repo", "docker.io", "user/repo", null, "docker.io/user/repo")]
    [InlineData("user/sub/repo:v1", "docker.io", "user/sub/repo", "v1", "docker.io/user/sub/repo:v1")]
    [InlineData("localhost/foo", "localhost", "foo", null, "localhost/foo")]
    [InlineData("localhost:5000/foo/bar:tag", "localhost:5000", "foo/bar", "tag", "localhost:5000/foo/bar:tag")]
    [InlineData("127.0.0.1:5000/a", "127.0.0.1:5000", "a", null, "127.0.0.1:5000/a")]
    [InlineData("registry.example.com/team/app:1.2.3", "registry.example.com", "team/app", "1.2.3", "registry.example.com/team/app:1.2.3")]
    [InlineData("example:5000/x", "example:5000", "x", null, "example:5000/x")]
    [InlineData("Foo/bar", "Foo", "bar", null, "Foo/bar")]
    [InlineData("[::1]:5000/app", "[::1]:5000", "app", null, "[::1]:5000/app")]
    [InlineData("a.b/c__d/e-f--g.h:T_a.g-1", "a.b", "c__d/e-f--g.h", "T_a.g-1", "a.b/c__d/e-f--g.h:T_a.g-1")]
    public void Normalises_like_docker(string text, string registry, string repository, string? tag, string full)
    {
        Assert.True(ImageReference.TryParse(text, out var reference, out var error), error);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Null(reference.Digest);
        Assert.Equal(full, reference.ToString());
    }

    /// <summary>
    /// The lint (names as written, variables and all), signature identities and the gate all split a reference here.
    /// Three copies had disagreed on an upper-case first component, which Docker reads as a registry host.
    /// </summary>
    [Theory]
    [InlineData("ubuntu", null, "ubuntu", null, null, "docker.io/library/ubuntu")]
    [InlineData("Foo/bar:1", "Foo", "bar", "1", null, "Foo/bar")]
    [InlineData("index.docker.io/ubuntu@sha256:x", "index.docker.io", "ubuntu", null, "sha256:x", "docker.io/library/ubuntu")]
    [InlineData("localhost/a/b:${TAG}", "localhost", "a/b", "${TAG}", null, "localhost/a/b")]
    [InlineData("${REGISTRY}/app", "${REGISTRY}", "app", null, null, "${REGISTRY}/app")]
    [InlineData("host:5000/app", "host:5000", "app", null, null, "host:5000/app")]
    public void Split_gives_the_parts_as_written_by_dockers_rules(string text, string? registry, string repository, string? tag, string? digest, string normalised)
    {
        var parts = ImageReference.Split(text);
        Assert.Equal(new ImageReferenceParts(registry, repository, tag, digest), parts);
        Assert.Equal(normalised, parts.NormalisedName);
        if (ImageReference.TryParse(text, out var reference, out _))
        {
            Assert.Equal(reference.Name, parts.NormalisedName);
        }
    }

    [Fact]
    public void Docker_hub_uses_the_registry_1_endpoint_and_familiar_names()
    {
        var hub = ImageReference.Parse("alpine:3.20");
        Assert.Equal("registry-1.docker.io", hub.RegistryEndpoint);
        Assert.Equal("alpine:3.20", hub.FamiliarName);
        Assert.Equal("3.20", hub.Identifier);
        Assert.Equal("user/app", ImageReference.Parse("docker.io/user/app").FamiliarName);
        var local = ImageReference.Parse("localhost:5000/app");
        Assert.Equal("localhost:5000", local.RegistryEndpoint);
        Assert.Equal("latest", local.Identifier);
        Assert.Equal("localhost:5000/app", local.FamiliarName);
    }

    [Fact]
    public void Parses_digests_with_and_without_tags()
    {
        var pinned = ImageReference.Parse($"ubuntu@sha256:{Hex}");
        Assert.Null(pinned.Tag);
        Assert.Equal($"sha256:{Hex}", pinned.Digest!.ToString());
        Assert.Equal($"sha256:{Hex}", pinned.Identifier);

        var both = ImageReference.Parse($"localhost:5000/app:v1@sha256:{Hex}");
        Assert.Equal("v1", both.Tag);
        Assert.Equal($"sha256:{Hex}", both.Identifier);
        Assert.Equal($"localhost:5000/app:v1@sha256:{Hex}", both.ToString());

        var sha512 = ImageReference.Parse($"app@sha512:{Hex}{Hex}");
        Assert.Equal("sha512", sha512.Digest!.Algorithm);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("foo/Bar", "lowercase")]
    [InlineData("UPPER", "lowercase")]
    [InlineData(Hex, "image ID")]
    [InlineData(":tag", "empty")]
    [InlineData("foo/", "path components")]
    [InlineData("foo//bar", "path components")]
    [InlineData("-foo", "path components")]
    [InlineData("foo_", "path components")]
    [InlineData("foo...bar", "path components")]
    [InlineData("a:b:c", "path components")]
    [InlineData("ubuntu:-bad", "tag")]
    [InlineData("ubuntu:", "tag")]
    [InlineData("ubuntu@sha256:abc", "64")]
    [InlineData("ubuntu@md5:0123456789abcdef0123456789abcdef", "unsupported")]
    [InlineData("ubuntu@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "lower-case")]
    [InlineData("-bad.com/app", "registry")]
    [InlineData("host:port/app", "registry")]
    [InlineData("registry.example.com:65536/app", "registry")]
    [InlineData("127.0.0.1:99999999999/app", "registry")]
    [InlineData("localhost:0/app", "registry")]
    public void Rejects_invalid_references_with_a_reason(string text, string reason)
    {
        Assert.False(ImageReference.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
        var thrown = Assert.Throws<OciException>(() => ImageReference.Parse(text));
        Assert.Equal(OciErrorKind.InvalidInput, thrown.Kind);
    }

    [Fact]
    public void Rejects_names_longer_than_255_characters()
    {
        var longName = "registry.example.com/" + new string('a', 240);
        Assert.False(ImageReference.TryParse(longName, out _, out var error));
        Assert.Contains("255", error, StringComparison.Ordinal);
        Assert.True(ImageReference.TryParse("registry.example.com/" + new string('a', 200), out _, out _));
    }

    [Fact]
    public void Tags_are_limited_to_128_characters()
    {
        Assert.True(ImageReference.TryParse("app:" + new string('t', 128), out _, out _));
        Assert.False(ImageReference.TryParse("app:" + new string('t', 129), out _, out _));
    }

    [Fact]
    public void With_digest_and_with_tag_keep_the_name()
    {
        var digest = Digest.Parse($"sha256:{Hex}");
        var reference = ImageReference.Parse("nginx:1.27").WithDigest(digest);
        Assert.Equal($"docker.io/library/nginx:1.27@sha256:{Hex}", reference.ToString());
        Assert.Equal("docker.io/library/nginx:stable", reference.WithTag("stable").ToString());
    }

    [Fact]
    public void A_registry_client_for_a_port_beyond_65535_is_an_invalid_input_error()
    {
        var error = Assert.Throws<OciException>(() => new RegistryClient("127.0.0.1:70000", new RegistryClientOptions { AllowHttp = true, Credentials = new CredentialChain() }));
        Assert.Equal(OciErrorKind.InvalidInput, error.Kind);
    }
}
