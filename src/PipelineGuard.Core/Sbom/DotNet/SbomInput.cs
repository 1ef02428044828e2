using System.Text.RegularExpressions;
using System.Xml;

namespace PipelineGuard.Sbom.DotNet;

/// <summary>One project to make an SBOM for: its project file (when known) and its assets file.</summary>
public sealed record SbomProjectInput(string? ProjectFile, string AssetsFile, string Name)
{
    /// <summary>How <see cref="AssetsFile"/> was found.</summary>
    public AssetsFileOrigin Origin { get; init; } = AssetsFileOrigin.Given;

    /// <summary>How the assets file was found, in words, for telling the user which file was read.</summary>
    public string OriginText => Origin switch
    {
        AssetsFileOrigin.DefaultLayout => "default obj/ layout",
        AssetsFileOrigin.DirectoryBuildProps => "from Directory.Build.props",
        AssetsFileOrigin.MSBuild => "from MSBuild's ProjectAssetsFile",
        AssetsFileOrigin.Assumed => "assumed obj/ layout",
        _ => "given",
    };
}

/// <summary>What a PATH argument names: one project, or the projects of a solution.</summary>
public sealed record SbomInput(string Name, bool IsSolution, IReadOnlyList<SbomProjectInput> Projects);

/// <summary>
/// Resolves the PATH of <c>pipelineguard sbom PATH</c>: a project file, a solution (<c>.sln</c>, <c>.slnx</c>), a
/// directory holding one of those, or a <c>project.assets.json</c>. The assets file of a project is found as MSBuild
/// finds it (<see cref="AssetsFileLocator"/>): from the files when they prove it, else (with
/// <see cref="ResolveAsync"/>) by asking MSBuild; <see cref="Resolve"/> alone assumes <c>obj/project.assets.json</c>
/// for a project it cannot prove.
/// </summary>
public static partial class SbomInputResolver
{
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>Resolves <paramref name="path"/>; an input, or an error diagnostic.</summary>
    public static (SbomInput? Input, SbomDiagnostic? Error) Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var projects = ProjectExtensions.SelectMany(e => Directory.GetFiles(full, "*" + e)).Order(StringComparer.Ordinal).ToList();
            var solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).Order(StringComparer.Ordinal).ToList();
            if (projects.Count == 1)
            {
                return Resolve(projects[0]);
            }

            if (projects.Count == 0 && solutions.Count == 1)
            {
                return Resolve(solutions[0]);
            }

            var assets = Path.Combine(full, "project.assets.json");
            if (projects.Count == 0 && solutions.Count == 0 && File.Exists(assets))
            {
                return Resolve(assets);
            }

            return (null, SbomDiagnostic.Error("PGSBOM020", projects.Count + solutions.Count == 0
                ? "the directory holds no project, solution or project.assets.json."
                : $"the directory holds several projects or solutions ({string.Join(", ", projects.Concat(solutions).Select(Path.GetFileName))}); name one.", full));
        }

        if (!File.Exists(full))
        {
            return (null, SbomDiagnostic.Error("PGSBOM021", "no such file or directory.", full));
        }

        var extension = Path.GetExtension(full);
        if (ProjectExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            var name = Path.GetFileNameWithoutExtension(full);
            return (new SbomInput(name, false, [Project(full)]), null);
        }

        if (extension.Equals(".sln", StringComparison.OrdinalIgnoreCase) || extension.Equals(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            var projectFiles = extension.Equals(".sln", StringComparison.OrdinalIgnoreCase) ? SlnProjects(full) : SlnxProjects(full);
            if (projectFiles is null)
            {
                return (null, SbomDiagnostic.Error("PGSBOM022", "the solution file cannot be read.", full));
            }

            var inputs = projectFiles.Where(p => ProjectExtensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
                .Select(Project)
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ToList();
            if (inputs.Count == 0)
            {
                return (null, SbomDiagnostic.Error("PGSBOM023", "the solution holds no .NET project.", full));
            }

            return (new SbomInput(Path.GetFileNameWithoutExtension(full), true, inputs), null);
        }

        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            var project = ProjectFileNear(full);
            var name = project is null ? Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(full))) ?? "project" : Path.GetFileNameWithoutExtension(project);
            return (new SbomInput(name, false, [new SbomProjectInput(project, full, name)]), null);
        }

        return (null, SbomDiagnostic.Error("PGSBOM024", "not a project, solution, directory or project.assets.json.", full));
    }

    /// <summary>
    /// Resolves <paramref name="path"/> and, with <paramref name="askMSBuild"/>, asks MSBuild for the assets file of every
    /// project whose layout the files do not prove (one query per such project, side by side). A failed query is a
    /// warning, and the project keeps the assumed <c>obj/</c> path.
    /// </summary>
    public static async Task<(SbomInput? Input, IReadOnlyList<SbomDiagnostic> Diagnostics)> ResolveAsync(string path, bool askMSBuild, CancellationToken cancellationToken = default)
    {
        var (input, error) = Resolve(path);
        if (input is null)
        {
            return (null, [error!]);
        }

        var unproven = input.Projects.Where(p => p.Origin == AssetsFileOrigin.Assumed && p.ProjectFile is not null).ToList();
        if (!askMSBuild || unproven.Count == 0)
        {
            return (input, []);
        }

        var answers = await AssetsFileLocator.FromMSBuildAsync(unproven.Select(p => p.ProjectFile!).ToList(), cancellationToken).ConfigureAwait(false);
        var diagnostics = new List<SbomDiagnostic>();
        var replaced = new Dictionary<SbomProjectInput, SbomProjectInput>();
        foreach (var (project, (assets, failure)) in unproven.Zip(answers))
        {
            if (assets is not null)
            {
                replaced[project] = project with { AssetsFile = assets, Origin = AssetsFileOrigin.MSBuild };
            }
            else
            {
                diagnostics.Add(SbomDiagnostic.Warning("PGSBOM025", $"MSBuild could not say where the assets file is ({failure}); assuming obj/project.assets.json.", project.ProjectFile));
            }
        }

        return (input with { Projects = input.Projects.Select(p => replaced.TryGetValue(p, out var r) ? r : p).ToList() }, diagnostics);
    }

    private static SbomProjectInput Project(string projectFile)
    {
        var name = Path.GetFileNameWithoutExtension(projectFile);
        return AssetsFileLocator.FromFiles(projectFile) is { } proven
            ? new SbomProjectInput(projectFile, proven.Path, name) { Origin = proven.Origin }
            : new SbomProjectInput(projectFile, AssetsFileOf(projectFile), name) { Origin = AssetsFileOrigin.Assumed };
    }

    /// <summary>The default assets file of a project: <c>obj/project.assets.json</c> beside it.</summary>
    public static string AssetsFileOf(string projectFile) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(projectFile))!, "obj", "project.assets.json");

    // An assets file in PROJECT/obj belongs to the single project file in PROJECT.
    private static string? ProjectFileNear(string assetsFile)
    {
        var directory = Path.GetDirectoryName(Path.GetDirectoryName(assetsFile));
        if (directory is null || !Directory.Exists(directory))
        {
            return null;
        }

        var projects = ProjectExtensions.SelectMany(e => Directory.GetFiles(directory, "*" + e)).ToList();
        return projects.Count == 1 ? projects[0] : null;
    }

    private static List<string>? SlnProjects(string solution)
    {
        try
        {
            var directory = Path.GetDirectoryName(solution)!;
            return File.ReadLines(solution)
                .Select(line => SlnProjectLine().Match(line))
                .Where(m => m.Success)
                .Select(m => Path.GetFullPath(Path.Combine(directory, m.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar))))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static List<string>? SlnxProjects(string solution)
    {
        try
        {
            var directory = Path.GetDirectoryName(solution)!;
            var document = new XmlDocument { XmlResolver = null };
            using (var reader = XmlReader.Create(solution, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            {
                document.Load(reader);
            }

            return document.GetElementsByTagName("Project").OfType<XmlElement>()
                .Select(e => e.GetAttribute("Path"))
                .Where(p => p.Length > 0)
                .Select(p => Path.GetFullPath(Path.Combine(directory, p.Replace('\\', Path.DirectorySeparatorChar))))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            return null;
        }
    }

    [GeneratedRegex("""^Project\("\{[^}]+\}"\)\s*=\s*"[^"]*",\s*"(?<path>[^"]+)",""")]
    private static partial Regex SlnProjectLine();
}
