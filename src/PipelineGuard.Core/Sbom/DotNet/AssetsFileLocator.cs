using System.Diagnostics;
using System.Xml;

namespace PipelineGuard.Sbom.DotNet;

/// <summary>How the assets file of a project was found.</summary>
public enum AssetsFileOrigin
{
    /// <summary>Named on the command line (a <c>project.assets.json</c> path) or by the caller (the MSBuild task's <c>$(ProjectAssetsFile)</c>).</summary>
    Given,

    /// <summary><c>obj/project.assets.json</c> beside the project: nothing in the project or its imported props moves it.</summary>
    DefaultLayout,

    /// <summary>Computed from literal <c>Directory.Build.props</c> values (artifacts output, a moved <c>BaseIntermediateOutputPath</c>).</summary>
    DirectoryBuildProps,

    /// <summary>Asked of MSBuild (<c>dotnet msbuild -getProperty:ProjectAssetsFile</c>).</summary>
    MSBuild,

    /// <summary>Not provable from the files and MSBuild was not asked (or failed): the default <c>obj/project.assets.json</c> is assumed.</summary>
    Assumed,
}

/// <summary>
/// Finds a project's <c>project.assets.json</c> as MSBuild does. Without running MSBuild, when the project and the
/// <c>Directory.Build.props</c> files MSBuild imports for it set the intermediate-output layout only in ways whose
/// result is certain: nothing (then <c>obj/</c>), artifacts output (<c>UseArtifactsOutput</c>, <c>ArtifactsPath</c>),
/// or a literal <c>BaseIntermediateOutputPath</c>/<c>MSBuildProjectExtensionsPath</c>, using only
/// <c>$(MSBuildThisFileDirectory)</c> and <c>$(MSBuildProjectName)</c>. Anything else (a condition, another property,
/// an import, a custom SDK, an environment variable of those names) is unproven, and MSBuild is asked.
/// </summary>
public static class AssetsFileLocator
{
    private static readonly HashSet<string> LayoutProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "UseArtifactsOutput", "ArtifactsPath", "ArtifactsProjectName", "IncludeProjectNameInArtifactsPaths", "UseArtifactsIntermediateOutput",
        "BaseIntermediateOutputPath", "MSBuildProjectExtensionsPath", "ProjectAssetsFile", "RestoreOutputPath",
        "ImportDirectoryBuildProps", "DirectoryBuildPropsPath", "CustomBeforeMicrosoftCommonProps", "CustomBeforeMicrosoftCommonTargets",
        "ImportDirectoryBuildTargets", "DirectoryBuildTargetsPath", "ImportDirectoryPackagesProps", "DirectoryPackagesPropsPath",
    };

    private static readonly HashSet<string> KnownSdks = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.NET.Sdk", "Microsoft.NET.Sdk.Web", "Microsoft.NET.Sdk.Worker", "Microsoft.NET.Sdk.Razor", "Microsoft.NET.Sdk.BlazorWebAssembly", "Microsoft.NET.Sdk.WindowsDesktop",
    };

    /// <summary>The assets file of <paramref name="projectFile"/> proven from the files, or null when it cannot be proven.</summary>
    public static (string Path, AssetsFileOrigin Origin)? FromFiles(string projectFile)
    {
        projectFile = Path.GetFullPath(projectFile);
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var projectName = Path.GetFileNameWithoutExtension(projectFile);
        if (LayoutProperties.Any(p => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(p))))
        {
            return null;
        }

        // The project itself: a known SDK, no import, no layout property (the SDK reads them before the project body).
        if (Scan(projectFile, isProjectFile: true) is not { } project || project.Values.Count > 0)
        {
            return null;
        }

        // Files imported around the project that could set ProjectAssetsFile or the paths it derives from.
        foreach (var name in new[] { "Directory.Build.targets", "Directory.Packages.props" })
        {
            if (Nearest(projectDirectory, name) is { } file && (Scan(file, isProjectFile: false) is not { } scanned || scanned.Values.Count > 0))
            {
                return null;
            }
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var chain = ProjectProperties.DirectoryBuildProps(projectFile);
        foreach (var props in chain)
        {
            if (Scan(props, isProjectFile: false) is not { } scanned)
            {
                return null;
            }

            var directory = Path.GetDirectoryName(props)! + Path.DirectorySeparatorChar;
            foreach (var (name, raw) in scanned.Values)
            {
                var value = raw.Replace("$(MSBuildThisFileDirectory)", directory, StringComparison.OrdinalIgnoreCase)
                    .Replace("$(MSBuildProjectName)", projectName, StringComparison.OrdinalIgnoreCase);
                if (value.Contains("$(", StringComparison.Ordinal) || value.Contains("$[", StringComparison.Ordinal) || value.Contains('%') || value.Contains('@'))
                {
                    return null;
                }

                values[name] = value.Trim();
            }
        }

        string? Get(string name) => values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        if (values.Keys.Any(k => k is not ("UseArtifactsOutput" or "ArtifactsPath" or "BaseIntermediateOutputPath" or "MSBuildProjectExtensionsPath")))
        {
            return null;
        }

        var useArtifacts = Get("UseArtifactsOutput");
        if (useArtifacts is not (null or "true" or "false"))
        {
            return null;
        }

        string extensions;
        var origin = AssetsFileOrigin.DirectoryBuildProps;
        if ((Get("MSBuildProjectExtensionsPath") ?? Get("BaseIntermediateOutputPath")) is { } intermediate)
        {
            extensions = intermediate;
        }
        else if (useArtifacts == "true" || (useArtifacts is null && Get("ArtifactsPath") is not null))
        {
            // Microsoft.NET.DefaultArtifactsPath.props: ArtifactsPath, else the folder of the Directory.Build.props MSBuild found.
            var artifacts = Get("ArtifactsPath") ?? (chain.Count > 0 ? Path.Combine(Path.GetDirectoryName(chain[^1])!, "artifacts") : null);
            if (artifacts is null)
            {
                return null;
            }

            extensions = Path.Combine(artifacts, "obj", projectName);
        }
        else
        {
            extensions = "obj";
            origin = AssetsFileOrigin.DefaultLayout;
        }

        extensions = extensions.Replace('\\', Path.DirectorySeparatorChar);
        return (Path.GetFullPath(Path.Combine(projectDirectory, extensions, "project.assets.json")), origin);
    }

    /// <summary>
    /// Asks MSBuild for <c>ProjectAssetsFile</c> of each project (<c>dotnet msbuild PROJECT -getProperty:ProjectAssetsFile</c>,
    /// SDK 8 and later), the queries running side by side up to the number of cores. A project MSBuild cannot evaluate
    /// gets null and its error text.
    /// </summary>
    public static async Task<IReadOnlyList<(string? Path, string? Error)>> FromMSBuildAsync(IReadOnlyList<string> projectFiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectFiles);
        using var gate = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount));
        var tasks = projectFiles.Select(async project =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await QueryAsync(Path.GetFullPath(project), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static async Task<(string? Path, string? Error)> QueryAsync(string projectFile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(projectFile)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A host's MSBuild variables (set when this runs under a build) would pin its MSBuild instead of the SDK global.json selects.
        foreach (var variable in new[] { "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildExtensionsPath" })
        {
            start.Environment.Remove(variable);
        }

        foreach (var argument in new[] { "msbuild", projectFile, "-nologo", "-getProperty:ProjectAssetsFile" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"'dotnet msbuild' could not be started ({e.Message})");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                var text = (await output.ConfigureAwait(false)).Trim();
                if (process.ExitCode != 0 || text.Length == 0 || text.Contains('\n'))
                {
                    var message = (text + "\n" + await error.ConfigureAwait(false)).Trim();
                    return (null, $"'dotnet msbuild -getProperty:ProjectAssetsFile' failed (exit {process.ExitCode}): {FirstLine(message)}");
                }

                return (Path.GetFullPath(text, Path.GetDirectoryName(projectFile)!), null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (null, "'dotnet msbuild -getProperty:ProjectAssetsFile' did not finish within 2 minutes");
            }
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string? Nearest(string directory, string name)
    {
        for (var dir = directory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private sealed record Scanned(List<(string Name, string Value)> Values);

    /// <summary>The layout properties a file sets (unconditional literals); null when it has anything unprovable.</summary>
    private static Scanned? Scan(string file, bool isProjectFile)
    {
        var values = new List<(string, string)>();
        try
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, XmlResolver = null });
            var conditionalDepth = int.MaxValue;
            var positioned = false;
            while (positioned || reader.Read())
            {
                positioned = false;
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.Depth <= conditionalDepth)
                {
                    conditionalDepth = int.MaxValue;
                }

                if (reader.Depth == 0 && reader.LocalName == "Project" && isProjectFile && reader.GetAttribute("Sdk") is { } sdk
                    && sdk.Split(';').Any(s => !KnownSdks.Contains(s.Split('/')[0].Trim())))
                {
                    return null;
                }

                if (reader.LocalName is "Sdk")
                {
                    return null;
                }

                if (reader.LocalName == "Import")
                {
                    var target = reader.GetAttribute("Project") ?? string.Empty;
                    var importsParentProps = !isProjectFile && target.Contains("GetPathOfFileAbove", StringComparison.Ordinal) && target.Contains("Directory.Build.props", StringComparison.OrdinalIgnoreCase);
                    if (!importsParentProps)
                    {
                        return null;
                    }

                    continue;
                }

                if (reader.GetAttribute("Condition") is not null && conditionalDepth == int.MaxValue)
                {
                    conditionalDepth = reader.Depth;
                }

                if (LayoutProperties.Contains(reader.LocalName))
                {
                    if (conditionalDepth != int.MaxValue || reader.GetAttribute("Condition") is not null)
                    {
                        return null;
                    }

                    var name = reader.LocalName;
                    values.Add((name, reader.ReadElementContentAsString()));
                    positioned = true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            return null;
        }

        return new Scanned(values);
    }
}
