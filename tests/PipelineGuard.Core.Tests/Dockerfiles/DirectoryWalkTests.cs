using PipelineGuard.Dockerfiles;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

public class DirectoryWalkTests
{
    [Fact]
    public void Symbolic_link_loops_are_not_followed_and_each_file_is_found_once()
    {
        var root = RepositoryPaths.NewTempDirectory("walk");
        var sub = Directory.CreateDirectory(Path.Combine(root, "app")).FullName;
        File.WriteAllText(Path.Combine(root, "Dockerfile"), "FROM debian:12\n");
        File.WriteAllText(Path.Combine(sub, "Dockerfile"), "FROM debian:12\n");

        // app/loop -> root: following it would find root/Dockerfile and app/Dockerfile again, without end.
        Directory.CreateSymbolicLink(Path.Combine(sub, "loop"), root);
        Directory.CreateSymbolicLink(Path.Combine(root, "self"), root);

        var found = DockerfileLinter.FindDockerfiles(root);
        Assert.Equal([Path.Combine(root, "Dockerfile"), Path.Combine(root, "app", "Dockerfile")], found.OrderBy(f => f.Length));
    }

    [Fact]
    public void A_linked_file_is_still_linted()
    {
        var root = RepositoryPaths.NewTempDirectory("walk-file");
        var elsewhere = RepositoryPaths.NewTempDirectory("walk-target");
        File.WriteAllText(Path.Combine(elsewhere, "base.Dockerfile"), "FROM debian:12\n");
        File.CreateSymbolicLink(Path.Combine(root, "Dockerfile"), Path.Combine(elsewhere, "base.Dockerfile"));
        Assert.Equal([Path.Combine(root, "Dockerfile")], DockerfileLinter.FindDockerfiles(root));
    }
}
