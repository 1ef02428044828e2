using PipelineGuard.Sbom.DotNet;

namespace PipelineGuard.Cli.Commands;

/// <summary>Reads <c>sbom --property NAME=VALUE</c> arguments into <see cref="ProjectProperties"/>; empty values are ignored.</summary>
internal static class SbomPropertyArguments
{
    public static (ProjectProperties? Properties, string? Error) Parse(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            return (null, null);
        }

        var properties = new ProjectProperties();
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (null, $"--property '{argument}' must be NAME=VALUE.");
            }

            var name = argument[..equals].Trim();
            var value = argument[(equals + 1)..].Trim();
            properties = name.ToUpperInvariant() switch
            {
                "PACKAGEID" => properties with { PackageId = NullIfEmpty(value) },
                "VERSION" => properties with { Version = NullIfEmpty(value) },
                "AUTHORS" => properties with { Authors = NullIfEmpty(value) },
                "COMPANY" => properties with { Company = NullIfEmpty(value) },
                "DESCRIPTION" => properties with { Description = NullIfEmpty(value) },
                "COPYRIGHT" => properties with { Copyright = NullIfEmpty(value) },
                "PACKAGEPROJECTURL" => properties with { PackageProjectUrl = NullIfEmpty(value) },
                "PACKAGELICENSEEXPRESSION" => properties with { PackageLicenseExpression = NullIfEmpty(value) },
                "REPOSITORYURL" => properties with { RepositoryUrl = NullIfEmpty(value) },
                "REPOSITORYCOMMIT" => properties with { RepositoryCommit = NullIfEmpty(value) },
                "OUTPUTTYPE" => properties with { OutputType = NullIfEmpty(value) },
                "ISPACKABLE" => properties with { IsPackable = NullIfEmpty(value) },
                _ => null!,
            };
            if (properties is null)
            {
                return (null, $"--property '{name}' is not one of PackageId, Version, Authors, Company, Description, Copyright, PackageProjectUrl, PackageLicenseExpression, RepositoryUrl, RepositoryCommit, OutputType, IsPackable.");
            }
        }

        return (properties, null);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
