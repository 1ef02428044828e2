using Cake.Core;
using Cake.Core.IO;
using PipelineGuard.Provenance;

namespace Cake.PipelineGuard;

/// <summary>
/// A Notation trust policy for the gate, check-base and pin aliases, as the command line's <c>--trust-policy</c>,
/// <c>--trust-store</c> and <c>--trust-policy-preset</c>: base images' Notary Project signatures are verified with it.
/// </summary>
public interface IPipelineGuardNotationSettings
{
    /// <summary>A Notation trust policy (<c>trustpolicy.json</c>); needs <see cref="TrustStore"/>.</summary>
    FilePath? TrustPolicy { get; set; }

    /// <summary>The Notation trust store folder, holding <c>x509/{ca,signingAuthority,tsa}/NAME/</c>.</summary>
    DirectoryPath? TrustStore { get; set; }

    /// <summary>A built-in preset (for example <c>microsoft-dotnet</c>) instead of <see cref="TrustPolicy"/>.</summary>
    string? TrustPolicyPreset { get; set; }
}

/// <summary>Turns the Notation settings into the requirement Core takes.</summary>
internal static class NotationSettings
{
    /// <summary>The requirement (paths made absolute), null when none is set, or the error when the settings do not go together.</summary>
    public static (NotationRequirement? Requirement, string? Error) Read(ICakeContext context, IPipelineGuardNotationSettings settings) =>
        NotationRequirement.FromSettings(CakePaths.FullOrNull(context, settings.TrustPolicy), settings.TrustStore is null ? null : CakePaths.Full(context, settings.TrustStore), settings.TrustPolicyPreset);
}
