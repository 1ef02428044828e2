using Cake.Core;
using Cake.Core.IO;

namespace Cake.PipelineGuard;

/// <summary>Cake paths to the absolute file-system paths Core expects, relative to the script's working directory.</summary>
internal static class CakePaths
{
    public static string Full(ICakeContext context, FilePath path) => path.MakeAbsolute(context.Environment).FullPath;

    public static string Full(ICakeContext context, DirectoryPath path) => path.MakeAbsolute(context.Environment).FullPath;

    public static string? FullOrNull(ICakeContext context, FilePath? path) => path is null ? null : Full(context, path);
}
