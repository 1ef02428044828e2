using Cake.Core;
using Cake.Core.Annotations;
using PipelineGuard;

namespace Cake.PipelineGuard;

/// <summary>
/// PipelineGuard aliases for Cake: SBOMs, Dockerfile lint, cosign-compatible signing and base-image provenance.
/// Each alias takes a settings object, logs findings in the canonical <c>path(line,col): warning CODE: message</c>
/// form, returns a result, and throws a <see cref="CakeException"/> on failure unless
/// <see cref="PipelineGuardSettings.FailOnError"/> is false. The same aliases serve script builds (<c>#addin</c>)
/// and Frosting builds (a PackageReference): they are extension methods on <see cref="ICakeContext"/>.
/// </summary>
[CakeAliasCategory("PipelineGuard")]
[CakeNamespaceImport("Cake.PipelineGuard")]
[CakeNamespaceImport("PipelineGuard.Dockerfiles")]
[CakeNamespaceImport("PipelineGuard.Sbom")]
[CakeNamespaceImport("PipelineGuard.Signing")]
[CakeNamespaceImport("PipelineGuard.Gate")]
public static partial class PipelineGuardAliases
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
