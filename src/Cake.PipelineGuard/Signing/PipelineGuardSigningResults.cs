using Cake.Core.IO;
using PipelineGuard.Signing;

namespace Cake.PipelineGuard;

/// <summary>What <c>PipelineGuardSignBlob</c> produced.</summary>
public sealed class PipelineGuardSignBlobResult : PipelineGuardResult
{
    internal PipelineGuardSignBlobResult(FilePath file, string? signature, FilePath? bundle, IReadOnlyList<string> errors)
        : base(errors)
    {
        File = file;
        Signature = signature;
        Bundle = bundle;
    }

    /// <summary>The file signed.</summary>
    public FilePath File { get; }

    /// <summary>The base64 signature, as cosign prints it; null when signing failed.</summary>
    public string? Signature { get; }

    /// <summary>The bundle written, or null.</summary>
    public FilePath? Bundle { get; }
}

/// <summary>What <c>PipelineGuardAttestBlob</c> produced.</summary>
public sealed class PipelineGuardAttestBlobResult : PipelineGuardResult
{
    internal PipelineGuardAttestBlobResult(FilePath file, InTotoStatement? statement, FilePath? bundle, IReadOnlyList<string> errors)
        : base(errors)
    {
        File = file;
        Statement = statement;
        Bundle = bundle;
    }

    /// <summary>The file attested.</summary>
    public FilePath File { get; }

    /// <summary>The in-toto statement signed, or null when it failed.</summary>
    public InTotoStatement? Statement { get; }

    /// <summary>The bundle written, or null.</summary>
    public FilePath? Bundle { get; }
}

/// <summary>What a verification alias found: valid, or rejected with a reason.</summary>
public sealed class PipelineGuardVerifyResult : PipelineGuardResult
{
    internal PipelineGuardVerifyResult(string subject, VerificationResult verification, InTotoStatement? statement = null)
        : base(verification.IsValid ? [] : [$"{subject}: invalid ({verification.Failure}): {verification.Message}"])
    {
        Subject = subject;
        Verification = verification;
        Statement = statement;
    }

    /// <summary>What was verified (a file or an image).</summary>
    public string Subject { get; }

    /// <summary>Whether it verified.</summary>
    public bool IsValid => Verification.IsValid;

    /// <summary>Why not, when it did not.</summary>
    public VerificationFailure Failure => Verification.Failure;

    /// <summary>The verification outcome with its message.</summary>
    public VerificationResult Verification { get; }

    /// <summary>For attestations: the verified in-toto statement.</summary>
    public InTotoStatement? Statement { get; }
}

/// <summary>What <c>PipelineGuardGenerateKeyPair</c> wrote.</summary>
public sealed class PipelineGuardKeyPairResult : PipelineGuardResult
{
    internal PipelineGuardKeyPairResult(FilePath? privateKey, FilePath? publicKey, string? keyHint, IReadOnlyList<string> errors)
        : base(errors)
    {
        PrivateKey = privateKey;
        PublicKey = publicKey;
        KeyHint = keyHint;
    }

    /// <summary>The encrypted private key (mode 0600).</summary>
    public FilePath? PrivateKey { get; }

    /// <summary>The PEM public key.</summary>
    public FilePath? PublicKey { get; }

    /// <summary>The public key's hint as bundles carry it (base64 SHA-256 of the key).</summary>
    public string? KeyHint { get; }
}
