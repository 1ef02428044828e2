using Cake.Core;
using Cake.Core.Annotations;
using PipelineGuard;

namespace Cake.PipelineGuard;

/// <summary>PipelineGuard aliases for Cake: security checks for the build pipeline.</summary>
[CakeAliasCategory("PipelineGuard")]
[CakeNamespaceImport("Cake.PipelineGuard")]
public static class PipelineGuardAliases
{
    /// <summary>The version of PipelineGuard that the addin runs.</summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>The informational version, for example <c>0.1.0+abc123</c>.</returns>
    /// <example>
    /// <code>
    /// Information("PipelineGuard {0}", PipelineGuardVersion());
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static string PipelineGuardVersion(this ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PipelineGuardInfo.Version;
    }
}
