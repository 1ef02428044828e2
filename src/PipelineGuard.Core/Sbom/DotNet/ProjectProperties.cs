using System.Xml;

namespace PipelineGuard.Sbom.DotNet;

/// <summary>
/// The MSBuild properties the root component is made from. The MSBuild task passes the evaluated values; the command
/// line reads them from the project file and the <c>Directory.Build.props</c> files above it (plain, unconditional
/// values only: nothing is evaluated) and from the assets file's project section.
/// </summary>
public sealed record ProjectProperties
{
    /// <summary>PackageId (defaults to the project name restore recorded).</summary>
    public string? PackageId { get; init; }

    /// <summary>Version (defaults to the version restore recorded).</summary>
    public string? Version { get; init; }

    /// <summary>Authors, comma- or semicolon-separated.</summary>
    public string? Authors { get; init; }

    /// <summary>Company, used as the supplier.</summary>
    public string? Company { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Copyright.</summary>
    public string? Copyright { get; init; }

    /// <summary>PackageProjectUrl.</summary>
    public string? PackageProjectUrl { get; init; }

    /// <summary>PackageLicenseExpression.</summary>
    public string? PackageLicenseExpression { get; init; }

    /// <summary>RepositoryUrl.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>RepositoryCommit (set by Source Link during a build).</summary>
    public string? RepositoryCommit { get; init; }

    /// <summary>OutputType: Exe and WinExe make the root an application, anything else a library.</summary>
    public string? OutputType { get; init; }

    /// <summary>
    /// IsPackable: <c>false</c> keeps the root component without a purl (it is not published as a package). Null: packable,
    /// as the SDK defaults, except that the command line treats a project referencing Microsoft.NET.Test.Sdk as a test
    /// project (not packable), as the SDK does.
    /// </summary>
    public string? IsPackable { get; init; }

    /// <summary>Whether the project is published as a package: <see cref="IsPackable"/> is not <c>false</c>.</summary>
    public bool Packable => !string.Equals(IsPackable, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Values of <paramref name="overrides"/> win over this record's.</summary>
    public ProjectProperties With(ProjectProperties? overrides) => overrides is null ? this : new ProjectProperties
    {
        PackageId = overrides.PackageId ?? PackageId,
        Version = overrides.Version ?? Version,
        Authors = overrides.Authors ?? Authors,
        Company = overrides.Company ?? Company,
        Description = overrides.Description ?? Description,
        Copyright = overrides.Copyright ?? Copyright,
        PackageProjectUrl = overrides.PackageProjectUrl ?? PackageProjectUrl,
        PackageLicenseExpression = overrides.PackageLicenseExpression ?? PackageLicenseExpression,
        RepositoryUrl = overrides.RepositoryUrl ?? RepositoryUrl,
        RepositoryCommit = overrides.RepositoryCommit ?? RepositoryCommit,
        OutputType = overrides.OutputType ?? OutputType,
        IsPackable = overrides.IsPackable ?? IsPackable,
    };

    /// <summary>
    /// Reads the properties written literally in <paramref name="projectFile"/> and the <c>Directory.Build.props</c>
    /// files above it (nearest wins, the project file over all). Values that need evaluation (<c>$(...)</c>) and
    /// conditional groups are ignored. The web and worker SDKs (<c>Sdk="Microsoft.NET.Sdk.Web"</c>,
    /// <c>Microsoft.NET.Sdk.Worker</c>) default OutputType to Exe and IsPackable to false, as their props files do; a
    /// literal value in the files wins. An unreadable file gives an empty record, never an exception.
    /// </summary>
    public static ProjectProperties ReadFromProjectFile(string projectFile)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var chain = DirectoryBuildProps(projectFile).ToList();
        chain.Add(projectFile);
        foreach (var file in chain)
        {
            ReadLiteralProperties(file, values);
        }

        if (ProjectSdk(projectFile) is { } sdk && (sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) || sdk.Equals("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase)))
        {
            values.TryAdd("OutputType", "Exe");
            values.TryAdd("IsPackable", "false");
        }

        string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;
        var version = Get("Version");
        if (version is null && Get("VersionPrefix") is { } prefix)
        {
            version = Get("VersionSuffix") is { } suffix ? $"{prefix}-{suffix}" : prefix;
        }

        return new ProjectProperties
        {
            PackageId = Get("PackageId"),
            Version = version,
            Authors = Get("Authors"),
            Company = Get("Company"),
            Description = Get("Description"),
            Copyright = Get("Copyright"),
            PackageProjectUrl = Get("PackageProjectUrl"),
            PackageLicenseExpression = Get("PackageLicenseExpression"),
            RepositoryUrl = Get("RepositoryUrl"),
            RepositoryCommit = Get("RepositoryCommit"),
            OutputType = Get("OutputType"),
            IsPackable = Get("IsPackable") ?? (string.Equals(Get("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase) ? "false" : null),
        };
    }

    /// <summary>
    /// The <c>Directory.Build.props</c> files MSBuild imports for <paramref name="projectFile"/>, outermost first: the
    /// nearest one above the project, and then the next one above it only while a file imports its parent with
    /// <c>GetPathOfFileAbove('Directory.Build.props', ...)</c>, as MSBuild does (it stops at the first file otherwise).
    /// </summary>
    public static IReadOnlyList<string> DirectoryBuildProps(string projectFile)
    {
        var chain = new List<string>();
        var dir = Path.GetDirectoryName(Path.GetFullPath(projectFile));
        while (dir is not null)
        {
            var props = Path.Combine(dir, "Directory.Build.props");
            if (!File.Exists(props))
            {
                dir = Path.GetDirectoryName(dir);
                continue;
            }

            chain.Add(props);
            if (!ImportsParentProps(props))
            {
                break;
            }

            dir = Path.GetDirectoryName(dir);
        }

        chain.Reverse();
        return chain;
    }

    private static bool ImportsParentProps(string props)
    {
        try
        {
            var text = File.ReadAllText(props);
            return text.Contains("GetPathOfFileAbove", StringComparison.Ordinal) && text.Contains("Directory.Build.props", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The SDK of a project file: its <c>Project Sdk</c> attribute (the first of a list, without a version), or null.</summary>
    private static string? ProjectSdk(string projectFile)
    {
        try
        {
            using var reader = XmlReader.Create(projectFile, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, XmlResolver = null });
            if (reader.MoveToContent() == XmlNodeType.Element && reader.LocalName == "Project" && reader.GetAttribute("Sdk") is { } sdk)
            {
                return sdk.Split(';')[0].Split('/')[0].Trim();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            // Unreadable: no SDK defaults.
        }

        return null;
    }

    private static readonly HashSet<string> Wanted = new(StringComparer.OrdinalIgnoreCase)
    {
        "PackageId", "Version", "VersionPrefix", "VersionSuffix", "Authors", "Company", "Description", "Copyright",
        "PackageProjectUrl", "PackageLicenseExpression", "RepositoryUrl", "RepositoryCommit", "OutputType", "IsPackable", "IsTestProject",
    };

    private static void ReadLiteralProperties(string file, Dictionary<string, string> values)
    {
        try
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, XmlResolver = null });
            var inConditionalGroup = false;
            var groupDepth = -1;
            // ReadElementContentAsString leaves the reader on the next node already: do not read past it.
            var positioned = false;
            while (positioned || reader.Read())
            {
                positioned = false;
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "PropertyGroup")
                {
                    inConditionalGroup = reader.GetAttribute("Condition") is not null;
                    groupDepth = reader.Depth;
                    continue;
                }

                if (reader.Depth == groupDepth + 1 && !inConditionalGroup && Wanted.Contains(reader.LocalName) && reader.GetAttribute("Condition") is null)
                {
                    var name = reader.LocalName;
                    var value = reader.ReadElementContentAsString().Trim();
                    positioned = true;
                    if (value.Length > 0 && !value.Contains("$(", StringComparison.Ordinal))
                    {
                        values[name] = value;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            // A project file that cannot be read leaves the properties to the assets file and the defaults.
        }
    }
}
