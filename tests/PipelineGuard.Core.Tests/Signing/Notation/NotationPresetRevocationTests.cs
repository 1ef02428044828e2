using PipelineGuard.Signing.Notation;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Notation;

/// <summary>The microsoft-dotnet preset states its revocation setting, and what it states is what it does.</summary>
public sealed class NotationPresetRevocationTests
{
    [Fact]
    public void The_preset_enforces_revocation_and_says_so()
    {
        var preset = NotationPresets.Find(NotationPresets.MicrosoftDotnet)!;
        var statement = Assert.Single(preset.Policy.Statements);
        Assert.Equal(ValidationAction.Enforce, statement.Verification.ActionFor(NotationValidation.Revocation));
        Assert.Contains("revocation is enforced and checked online", preset.Description, StringComparison.Ordinal);
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "PipelineGuard.Core", "Signing", "Notation", "Presets", "README.md"));
        Assert.Contains("Revocation: **enforced** (level `strict`, no `override`)", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_preset_has_no_CRL_folder_and_a_store_on_disk_has_one_beside_x509()
    {
        Assert.Empty(NotationPresets.Find(NotationPresets.MicrosoftDotnet)!.Store.CrlDirectories);
        var root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "store"));
        Assert.Equal([Path.Combine(root, "crl")], NotationTrustStore.FromDirectory(root).CrlDirectories);
        Assert.Equal([Path.Combine(root, "crl")], NotationTrustStore.FromDirectory(Path.Combine(root, "x509")).CrlDirectories);
    }
}
