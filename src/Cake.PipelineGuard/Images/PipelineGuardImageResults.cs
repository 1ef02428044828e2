using PipelineGuard.Signing;

namespace Cake.PipelineGuard;

/// <summary>What <c>PipelineGuardSignImage</c> or <c>PipelineGuardAttestImage</c> stored.</summary>
public sealed class PipelineGuardImageSignResult : PipelineGuardResult
{
    internal PipelineGuardImageSignResult(string image, ImageSignResult? stored, IReadOnlyList<string> errors)
        : base(errors)
    {
        Image = image;
        Digest = stored?.ImageDigest;
        Tag = stored?.Tag;
        AlreadyPresent = stored?.AlreadyPresent ?? false;
    }

    /// <summary>The image as given.</summary>
    public string Image { get; }

    /// <summary>The digest that was signed, or null when it failed.</summary>
    public string? Digest { get; }

    /// <summary>The tag the signature (attestation) manifest was pushed to, <c>sha256-&lt;hex&gt;.sig</c> or <c>.att</c>.</summary>
    public string? Tag { get; }

    /// <summary>True when the image already carried this exact signature and nothing was pushed.</summary>
    public bool AlreadyPresent { get; }
}

/// <summary>What <c>PipelineGuardVerifyImage</c> or <c>PipelineGuardVerifyAttestation</c> found, image by image.</summary>
public sealed class PipelineGuardImageVerifyResult : PipelineGuardResult
{
    internal PipelineGuardImageVerifyResult(IReadOnlyList<ImageVerificationResult> images, IReadOnlyList<string> errors)
        : base(errors)
    {
        Images = images;
    }

    /// <summary>One outcome per image, with the verified payloads.</summary>
    public IReadOnlyList<ImageVerificationResult> Images { get; }

    /// <summary>Whether every image verified.</summary>
    public bool AllValid => Succeeded && Images.Count > 0 && Images.All(i => i.Status.IsValid);
}
