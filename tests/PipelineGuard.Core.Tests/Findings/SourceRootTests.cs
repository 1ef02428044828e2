using PipelineGuard.Findings;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Findings;

/// <summary>The repository root that report locations are given from: git top level, then the CI checkout, then the current directory.</summary>
public sealed class SourceRootTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    // The test scratch folder is inside this repository's checkout, whose .git would be found first.
    private static string OutsideAnyRepository(string prefix) => Directory.CreateTempSubdirectory($"pg-{prefix}-").FullName;

    [Fact]
    public void The_git_top_level_above_the_checked_folder_is_the_root()
    {
        var repository = RepositoryPaths.NewTempDirectory("root-git");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        var service = Directory.CreateDirectory(Path.Combine(repository, "samples", "Service")).FullName;

        var root = SourceRoot.Find(service, NoEnvironment, Path.GetTempPath());

        Assert.Equal(Path.GetFullPath(repository).TrimEnd(Path.DirectorySeparatorChar), root.FullPath);
        Assert.Equal("samples/Service/Dockerfile", root.Relative("Dockerfile", service));
        Assert.EndsWith("/", root.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.StartsWith("file:///", root.Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_git_file_as_worktrees_and_submodules_have_marks_the_root_too()
    {
        var worktree = RepositoryPaths.NewTempDirectory("root-worktree");
        File.WriteAllText(Path.Combine(worktree, ".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
        var nested = Directory.CreateDirectory(Path.Combine(worktree, "a", "b")).FullName;

        Assert.Equal("a/b/Dockerfile", SourceRoot.Find(nested, NoEnvironment, Path.GetTempPath()).Relative(Path.Combine(nested, "Dockerfile"), "/"));
    }

    [Theory]
    [InlineData("GITHUB_WORKSPACE")]
    [InlineData("CI_PROJECT_DIR")]
    [InlineData("BUILD_SOURCESDIRECTORY")]
    public void Without_git_the_CI_checkout_folder_that_holds_the_checked_folder_is_the_root(string variable)
    {
        var checkout = OutsideAnyRepository("root-ci");
        var service = Directory.CreateDirectory(Path.Combine(checkout, "svc")).FullName;
        var elsewhere = OutsideAnyRepository("root-ci-cwd");

        var root = SourceRoot.Find(service, name => name == variable ? checkout : null, elsewhere);
        Assert.Equal("svc/Dockerfile", root.Relative("svc/Dockerfile", checkout));

        // A checkout folder that does not hold the checked folder is not its root.
        var other = SourceRoot.Find(elsewhere, name => name == variable ? checkout : null, elsewhere);
        Assert.Equal(Path.GetFullPath(elsewhere).TrimEnd(Path.DirectorySeparatorChar), other.FullPath);
    }

    [Fact]
    public void Without_git_or_CI_the_current_directory_is_the_root_and_a_file_outside_it_keeps_its_full_path()
    {
        var current = OutsideAnyRepository("root-cwd");
        var outside = OutsideAnyRepository("root-outside");

        var root = SourceRoot.Find(current, NoEnvironment, current);

        Assert.Equal("x/Dockerfile", root.Relative("x/Dockerfile", current));
        var full = Path.Combine(outside, "Dockerfile");
        Assert.Equal(full.Replace('\\', '/'), root.Relative(full, current));
    }

    [Fact]
    public void A_sibling_folder_with_the_root_as_name_prefix_is_outside_it()
    {
        var parent = RepositoryPaths.NewTempDirectory("root-prefix");
        var root = SourceRoot.At(Path.Combine(parent, "repo"));

        Assert.False(root.Contains(Path.Combine(parent, "repo-other", "Dockerfile")));
        Assert.True(root.Contains(Path.Combine(parent, "repo", "Dockerfile")));
    }
}
