using System.Xml;

namespace PipelineGuard.Sbom.DotNet;

/// <summary>The metadata of a <c>.nuspec</c> that an SBOM records.</summary>
public sealed record NuspecMetadata
{
    /// <summary>The package id.</summary>
    public string? Id { get; init; }

    /// <summary>The version as written.</summary>
    public string? Version { get; init; }

    /// <summary>The authors, comma-separated as in the nuspec.</summary>
    public string? Authors { get; init; }

    /// <summary>The owners.</summary>
    public string? Owners { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The copyright.</summary>
    public string? Copyright { get; init; }

    /// <summary>The <c>license</c> element's type (<c>expression</c> or <c>file</c>), or null.</summary>
    public string? LicenseType { get; init; }

    /// <summary>The <c>license</c> element's text.</summary>
    public string? License { get; init; }

    /// <summary>The (legacy) licence URL.</summary>
    public string? LicenseUrl { get; init; }

    /// <summary>The project URL.</summary>
    public string? ProjectUrl { get; init; }

    /// <summary>The repository URL.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>The repository type (usually git).</summary>
    public string? RepositoryType { get; init; }

    /// <summary>The repository commit.</summary>
    public string? RepositoryCommit { get; init; }

    /// <summary>Whether the package declares itself a development dependency.</summary>
    public bool DevelopmentDependency { get; init; }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        XmlResolver = null,
    };

    /// <summary>Reads the metadata of the nuspec at <paramref name="path"/>; null with an error text when it cannot be read.</summary>
    public static (NuspecMetadata? Metadata, string? Error) TryRead(string path)
    {
        try
        {
            // Nuspecs are a few KB: one read, then parsing from memory, is cheaper than a buffered file stream.
            using var stream = new MemoryStream(File.ReadAllBytes(path), writable: false);
            return (Read(stream), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Reads nuspec metadata from a stream (namespace-agnostic: every nuspec schema version).</summary>
    public static NuspecMetadata Read(Stream stream)
    {
        using var reader = XmlReader.Create(stream, Settings);
        var metadata = new NuspecMetadata();
        if (!MoveToMetadata(reader))
        {
            return metadata;
        }

        var depth = reader.Depth;
        if (reader.IsEmptyElement)
        {
            return metadata;
        }

        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "id": metadata = metadata with { Id = Text(reader) }; break;
                case "version": metadata = metadata with { Version = Text(reader) }; break;
                case "authors": metadata = metadata with { Authors = Text(reader) }; break;
                case "owners": metadata = metadata with { Owners = Text(reader) }; break;
                case "description": metadata = metadata with { Description = Text(reader) }; break;
                case "copyright": metadata = metadata with { Copyright = Text(reader) }; break;
                case "licenseUrl": metadata = metadata with { LicenseUrl = Text(reader) }; break;
                case "projectUrl": metadata = metadata with { ProjectUrl = Text(reader) }; break;
                case "developmentDependency": metadata = metadata with { DevelopmentDependency = string.Equals(Text(reader), "true", StringComparison.OrdinalIgnoreCase) }; break;
                case "license":
                    var type = reader.GetAttribute("type");
                    metadata = metadata with { LicenseType = type, License = Text(reader) };
                    break;
                case "repository":
                    metadata = metadata with { RepositoryUrl = Blank(reader.GetAttribute("url")), RepositoryType = Blank(reader.GetAttribute("type")), RepositoryCommit = Blank(reader.GetAttribute("commit")) };
                    reader.Skip();
                    break;
                default: reader.Skip(); break;
            }
        }

        return metadata;
    }

    private static bool MoveToMetadata(XmlReader reader)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "metadata")
            {
                return true;
            }
        }

        return false;
    }

    private static string? Text(XmlReader reader) => Blank(reader.ReadElementContentAsString());

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
