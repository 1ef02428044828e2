using System.Text.Json;

namespace PipelineGuard.Sbom.DotNet;

/// <summary>What <see cref="AssetsFileReader"/> returns: the file, or the errors that stopped it.</summary>
public sealed record AssetsReadResult(AssetsFile? File, IReadOnlyList<SbomDiagnostic> Diagnostics);

/// <summary>
/// Reads <c>project.assets.json</c> in one forward pass with <see cref="Utf8JsonReader"/>, keeping only what an SBOM needs
/// (the per-file asset lists are skipped). It depends on no NuGet assembly, so it can run inside MSBuild next to
/// MSBuild's own NuGet. Bad input gives diagnostics with the line and column, never an exception.
/// </summary>
public static class AssetsFileReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static AssetsReadResult Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = IO.InputFile.ReadAllBytes(path, 4 * IO.InputFile.DefaultMaxBytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail(SbomDiagnostic.Error("PGSBOM001", "The assets file does not exist: run 'dotnet restore' first (the SBOM step never restores).", path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(SbomDiagnostic.Error("PGSBOM002", $"The assets file cannot be read: {e.Message}", path));
        }

        return Read(bytes, path);
    }

    /// <summary>Reads an assets file from its UTF-8 bytes; <paramref name="fileName"/> names it in diagnostics.</summary>
    public static AssetsReadResult Read(ReadOnlySpan<byte> utf8, string fileName)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            IO.Utf8Json.EnsureValid(utf8);
            var file = ReadRoot(ref reader, fileName);
            if (reader.Read())
            {
                throw new AssetsFormatException("there is more after the end of the JSON document", reader.TokenStartIndex);
            }

            return new AssetsReadResult(file, []);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var column = e.BytePositionInLine is { } c ? (int)c + 1 : (int?)null;
            var message = e.Message.Split(" LineNumber:", 2)[0];
            return Fail(SbomDiagnostic.Error("PGSBOM003", $"The assets file is not valid JSON ({message}); it may be truncated or corrupt: run 'dotnet restore' again.", fileName, line, column));
        }
        catch (AssetsFormatException e)
        {
            var (line, column) = Position(utf8, e.Offset);
            return Fail(SbomDiagnostic.Error("PGSBOM004", $"The assets file is not in the expected form: {e.Message}. Run 'dotnet restore' again.", fileName, line, column));
        }
    }

    private static AssetsReadResult Fail(SbomDiagnostic diagnostic) => new(null, [diagnostic]);

    private static AssetsFile ReadRoot(ref Utf8JsonReader reader, string fileName)
    {
        Expect(ref reader, JsonTokenType.StartObject, "the file");
        int? version = null;
        List<AssetsTarget>? targets = null;
        Dictionary<string, AssetsLibrary>? libraries = null;
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var folders = new List<string>();
        AssetsProject? project = null;
        var logs = new List<AssetsLogMessage>();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("version"u8))
            {
                Read(ref reader);
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var v))
                {
                    throw new AssetsFormatException("'version' is not a number", reader.TokenStartIndex);
                }

                version = v;
            }
            else if (reader.ValueTextEquals("targets"u8))
            {
                targets = ReadTargets(ref reader);
            }
            else if (reader.ValueTextEquals("libraries"u8))
            {
                libraries = ReadLibraries(ref reader);
            }
            else if (reader.ValueTextEquals("projectFileDependencyGroups"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject, "'projectFileDependencyGroups'");
                while (NextProperty(ref reader))
                {
                    var framework = reader.GetString()!;
                    groups[framework] = ReadStringArray(ref reader, "'projectFileDependencyGroups'");
                }
            }
            else if (reader.ValueTextEquals("packageFolders"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject, "'packageFolders'");
                while (NextProperty(ref reader))
                {
                    folders.Add(reader.GetString()!);
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("project"u8))
            {
                project = ReadProject(ref reader);
            }
            else if (reader.ValueTextEquals("logs"u8))
            {
                ReadLogs(ref reader, logs);
            }
            else
            {
                reader.Skip();
            }
        }

        if (version is null || targets is null || libraries is null || project is null)
        {
            var missing = version is null ? "version" : targets is null ? "targets" : libraries is null ? "libraries" : "project";
            throw new AssetsFormatException($"the '{missing}' section is missing (is {Path.GetFileName(fileName)} a project.assets.json?)", reader.TokenStartIndex);
        }

        if (targets.Count == 0)
        {
            throw new AssetsFormatException("the 'targets' section is empty (restore recorded no target framework)", 0);
        }

        if (version is < 3 or > 4)
        {
            throw new AssetsFormatException($"assets file version {version} is not supported (3 and 4 are)", 0);
        }

        return new AssetsFile(version.Value, targets, libraries, groups, folders, project) { Logs = logs };
    }

    private static void ReadLogs(ref Utf8JsonReader reader, List<AssetsLogMessage> logs)
    {
        Expect(ref reader, JsonTokenType.StartArray, "'logs'");
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new AssetsFormatException($"'logs' holds a {reader.TokenType} where an object was expected", reader.TokenStartIndex);
            }

            string? code = null, level = null, message = null, libraryId = null;
            IReadOnlyList<string> graphs = [];
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("code"u8))
                {
                    code = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("level"u8))
                {
                    level = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    message = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("libraryId"u8))
                {
                    libraryId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("targetGraphs"u8))
                {
                    graphs = ReadStringArray(ref reader, "'targetGraphs' of a log message");
                }
                else
                {
                    reader.Skip();
                }
            }

            logs.Add(new AssetsLogMessage(code, level, message, libraryId, graphs));
        }
    }

    private static List<AssetsTarget> ReadTargets(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "'targets'");
        var targets = new List<AssetsTarget>();
        while (NextProperty(ref reader))
        {
            var name = reader.GetString()!;
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            var framework = slash < 0 ? name : name[..slash];
            var rid = slash < 0 ? null : name[(slash + 1)..];
            Expect(ref reader, JsonTokenType.StartObject, $"target '{name}'");
            var libraries = new List<AssetsTargetLibrary>();
            while (NextProperty(ref reader))
            {
                var (libraryName, libraryVersion) = SplitKey(reader.GetString()!, reader.TokenStartIndex);
                Expect(ref reader, JsonTokenType.StartObject, $"library '{libraryName}/{libraryVersion}' of target '{name}'");
                var type = "package";
                List<KeyValuePair<string, string>>? dependencies = null;
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("type"u8))
                    {
                        type = ReadString(ref reader) ?? type;
                    }
                    else if (reader.ValueTextEquals("dependencies"u8))
                    {
                        Expect(ref reader, JsonTokenType.StartObject, $"dependencies of '{libraryName}/{libraryVersion}'");
                        dependencies = [];
                        while (NextProperty(ref reader))
                        {
                            var dependency = reader.GetString()!;
                            dependencies.Add(new(dependency, ReadString(ref reader) ?? string.Empty));
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                libraries.Add(new AssetsTargetLibrary(libraryName, libraryVersion, type, (IReadOnlyList<KeyValuePair<string, string>>?)dependencies ?? []));
            }

            targets.Add(new AssetsTarget(name, framework, rid, libraries));
        }

        return targets;
    }

    private static Dictionary<string, AssetsLibrary> ReadLibraries(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "'libraries'");
        var libraries = new Dictionary<string, AssetsLibrary>(StringComparer.OrdinalIgnoreCase);
        while (NextProperty(ref reader))
        {
            var key = reader.GetString()!;
            var (name, version) = SplitKey(key, reader.TokenStartIndex);
            Expect(ref reader, JsonTokenType.StartObject, $"library '{key}'");
            string type = "package";
            string? sha512 = null, path = null, msbuildProject = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("sha512"u8))
                {
                    sha512 = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    type = ReadString(ref reader) ?? type;
                }
                else if (reader.ValueTextEquals("path"u8))
                {
                    path = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("msbuildProject"u8))
                {
                    msbuildProject = ReadString(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            libraries[key] = new AssetsLibrary(name, version, type, sha512, path, msbuildProject);
        }

        return libraries;
    }

    private static AssetsProject ReadProject(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "'project'");
        string? version = null, projectName = null, projectPath = null, packagesPath = null;
        var central = false;
        var frameworks = new List<AssetsProjectFramework>();
        var projectReferences = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var sources = new List<string>();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("version"u8))
            {
                version = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("restore"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject, "'project.restore'");
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("projectName"u8))
                    {
                        projectName = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("projectPath"u8))
                    {
                        projectPath = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("packagesPath"u8))
                    {
                        packagesPath = ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("sources"u8))
                    {
                        Expect(ref reader, JsonTokenType.StartObject, "'project.restore.sources'");
                        while (NextProperty(ref reader))
                        {
                            sources.Add(reader.GetString()!);
                            reader.Skip();
                        }
                    }
                    else if (reader.ValueTextEquals("centralPackageVersionsManagementEnabled"u8))
                    {
                        Read(ref reader);
                        central = reader.TokenType == JsonTokenType.True;
                    }
                    else if (reader.ValueTextEquals("frameworks"u8))
                    {
                        Expect(ref reader, JsonTokenType.StartObject, "'project.restore.frameworks'");
                        while (NextProperty(ref reader))
                        {
                            var alias = reader.GetString()!;
                            var references = new List<string>();
                            Expect(ref reader, JsonTokenType.StartObject, $"restore framework '{alias}'");
                            while (NextProperty(ref reader))
                            {
                                if (reader.ValueTextEquals("projectReferences"u8))
                                {
                                    Expect(ref reader, JsonTokenType.StartObject, "'projectReferences'");
                                    while (NextProperty(ref reader))
                                    {
                                        references.Add(reader.GetString()!);
                                        reader.Skip();
                                    }
                                }
                                else
                                {
                                    reader.Skip();
                                }
                            }

                            projectReferences[alias] = references;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("frameworks"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject, "'project.frameworks'");
                while (NextProperty(ref reader))
                {
                    frameworks.Add(ReadProjectFramework(ref reader, reader.GetString()!));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        frameworks = frameworks.Select(f => projectReferences.TryGetValue(f.Alias, out var refs) ? f with { ProjectReferences = refs } : f).ToList();
        return new AssetsProject(version, projectName, projectPath, packagesPath, central, frameworks) { Sources = sources };
    }

    private static AssetsProjectFramework ReadProjectFramework(ref Utf8JsonReader reader, string alias)
    {
        Expect(ref reader, JsonTokenType.StartObject, $"project framework '{alias}'");
        string? framework = null;
        var dependencies = new List<AssetsProjectDependency>();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("framework"u8))
            {
                framework = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("dependencies"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject, $"dependencies of project framework '{alias}'");
                while (NextProperty(ref reader))
                {
                    var name = reader.GetString()!;
                    string? range = null, suppressParent = null;
                    bool central = false, auto = false;
                    Read(ref reader);
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        range = reader.GetString();
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        while (NextProperty(ref reader))
                        {
                            if (reader.ValueTextEquals("version"u8))
                            {
                                range = ReadString(ref reader);
                            }
                            else if (reader.ValueTextEquals("suppressParent"u8))
                            {
                                suppressParent = ReadString(ref reader);
                            }
                            else if (reader.ValueTextEquals("versionCentrallyManaged"u8))
                            {
                                Read(ref reader);
                                central = reader.TokenType == JsonTokenType.True;
                            }
                            else if (reader.ValueTextEquals("autoReferenced"u8))
                            {
                                Read(ref reader);
                                auto = reader.TokenType == JsonTokenType.True;
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        throw new AssetsFormatException($"dependency '{name}' of framework '{alias}' is neither a string nor an object", reader.TokenStartIndex);
                    }

                    dependencies.Add(new AssetsProjectDependency(name, range, suppressParent, central, auto));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new AssetsProjectFramework(alias, framework, dependencies, []);
    }

    private static List<string> ReadStringArray(ref Utf8JsonReader reader, string what)
    {
        Expect(ref reader, JsonTokenType.StartArray, what);
        var items = new List<string>();
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return items;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw new AssetsFormatException($"{what} holds a {reader.TokenType} where a string was expected", reader.TokenStartIndex);
            }

            items.Add(reader.GetString()!);
        }
    }

    private static (string Name, string Version) SplitKey(string key, long offset)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new AssetsFormatException($"library key '{key}' is not 'Name/Version'", offset);
        }

        return (key[..slash], key[(slash + 1)..]);
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new AssetsFormatException($"a {reader.TokenType} where a string was expected", reader.TokenStartIndex),
        };
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new AssetsFormatException($"a {reader.TokenType} where a property was expected", reader.TokenStartIndex),
        };
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        Read(ref reader);
        if (reader.TokenType != type)
        {
            throw new AssetsFormatException($"{what} is a {reader.TokenType} where {(type == JsonTokenType.StartObject ? "an object" : "an array")} was expected", reader.TokenStartIndex);
        }
    }

    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new AssetsFormatException("the file ends early (truncated?)", reader.BytesConsumed);
        }
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, long offset)
    {
        var end = (int)Math.Min(offset, utf8.Length);
        var before = utf8[..end];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, end - lastNewline);
    }

    private sealed class AssetsFormatException(string message, long offset) : Exception(message)
    {
        public long Offset { get; } = offset;
    }
}
