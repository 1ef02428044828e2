using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

/// <summary><c>init</c>: a starting policy whose signature forms follow each base image's publisher, and that the loader accepts.</summary>
public sealed class PolicyInitJobTests
{
    [Fact]
    public async Task Each_base_gets_its_publishers_form_and_the_policy_loads()
    {
        var folder = RepositoryPaths.NewTempDirectory("init-mixed");
        await File.WriteAllTextAsync(Path.Combine(folder, "Dockerfile"),
            "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM build AS test\nFROM cgr.dev/chainguard/static:latest\nFROM gcr.io/distroless/static-debian12\nFROM scratch\n");

        var result = await PolicyInitJob.RunAsync(new PolicyInitOptions { Folder = folder });

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["mcr.microsoft.com/dotnet/sdk: Notation preset microsoft-dotnet", "cgr.dev/chainguard/static: keyless preset chainguard", "gcr.io/distroless/static-debian12: keyless preset distroless"],
            result.Choices.Select(c => $"{c.Image}: {c.Trust}"));
        var loaded = PolicyLoader.Load(result.PolicyFile!);
        Assert.True(loaded.Policy is not null, string.Join('\n', loaded.Diagnostics));
        var signature = loaded.Policy.BaseImages.Signature!;
        Assert.Equal("microsoft-dotnet", signature.Notation?.Preset);
        Assert.Equal(["chainguard", "distroless"], signature.Identities.Select(i => i.Preset).Distinct());
        Assert.Empty(signature.Keys);
        Assert.False(loaded.Policy.BaseImages.RequireDigest);
        Assert.Contains("# TODO: pin ", await File.ReadAllTextAsync(result.PolicyFile!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_with_no_known_signer_and_no_key_in_the_folder_is_a_TODO_naming_it()
    {
        var folder = RepositoryPaths.NewTempDirectory("init-unknown");
        await File.WriteAllTextAsync(Path.Combine(folder, "Dockerfile"), "FROM ghcr.io/acme/base:1@sha256:" + new string('b', 64) + "\n");

        var result = await PolicyInitJob.RunAsync(new PolicyInitOptions { Folder = folder });

        var choice = Assert.Single(result.Choices);
        Assert.False(choice.Supplied);
        var text = await File.ReadAllTextAsync(result.PolicyFile!);
        Assert.Contains("# TODO: no signer is known for ghcr.io/acme/base", text, StringComparison.Ordinal);
        Assert.Contains("requireDigest: true", text, StringComparison.Ordinal);
        Assert.True(PolicyLoader.Load(result.PolicyFile!).Policy is not null);
    }

    [Fact]
    public async Task An_existing_policy_is_kept_unless_forced()
    {
        var folder = RepositoryPaths.NewTempDirectory("init-existing");
        var policy = Path.Combine(folder, "pipelineguard.yaml");
        await File.WriteAllTextAsync(policy, "version: 1\n");

        var refused = await PolicyInitJob.RunAsync(new PolicyInitOptions { Folder = folder });
        Assert.Null(refused.PolicyFile);
        Assert.Contains("--force", Assert.Single(refused.Errors), StringComparison.Ordinal);
        Assert.Equal("version: 1\n", await File.ReadAllTextAsync(policy));

        var forced = await PolicyInitJob.RunAsync(new PolicyInitOptions { Folder = folder, Force = true });
        Assert.Equal(policy, forced.PolicyFile);
        Assert.Contains("No FROM image was found", await File.ReadAllTextAsync(policy), StringComparison.Ordinal);
    }
}
