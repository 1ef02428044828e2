namespace PipelineGuard.Signing.Notation;

/// <summary>The verification levels of the trust policy specification.</summary>
public enum VerificationLevel
{
    /// <summary>Every validation enforced.</summary>
    Strict,

    /// <summary>Integrity and authenticity enforced; authentic timestamp, expiry and revocation logged.</summary>
    Permissive,

    /// <summary>Integrity enforced; everything else logged.</summary>
    Audit,

    /// <summary>No verification at all.</summary>
    Skip,
}

/// <summary>What a level does with one validation.</summary>
public enum ValidationAction
{
    /// <summary>A failure fails the verification.</summary>
    Enforce,

    /// <summary>A failure is reported as a warning only.</summary>
    Log,

    /// <summary>The validation does not run.</summary>
    Skip,
}

/// <summary>The validations of the trust policy specification, in the order they run.</summary>
public enum NotationValidation
{
    /// <summary>The signature verifies, the envelope is well-formed and names the artifact.</summary>
    Integrity,

    /// <summary>The chain reaches a trusted certificate and the leaf matches a trusted identity.</summary>
    Authenticity,

    /// <summary>The signer-set expiry has not passed.</summary>
    Expiry,

    /// <summary>The signing time is trustworthy (RFC 3161 countersignature or authenticSigningTime) and inside the chain's validity.</summary>
    AuthenticTimestamp,

    /// <summary>No certificate of the chain is revoked.</summary>
    Revocation,
}

/// <summary>The <c>signatureVerification</c> of one statement: a level, its overrides and when the timestamp is verified.</summary>
/// <param name="Level">The level.</param>
/// <param name="Overrides">Per-validation overrides (<c>override</c>).</param>
/// <param name="VerifyTimestampAlways">True for <c>verifyTimestamp: always</c> (the default), false for <c>afterCertExpiry</c>.</param>
public sealed record SignatureVerificationSettings(VerificationLevel Level, IReadOnlyDictionary<NotationValidation, ValidationAction> Overrides, bool VerifyTimestampAlways)
{
    /// <summary>What the level, after overrides, does with <paramref name="validation"/>.</summary>
    public ValidationAction ActionFor(NotationValidation validation)
    {
        if (Level == VerificationLevel.Skip)
        {
            return ValidationAction.Skip;
        }
        if (validation != NotationValidation.Integrity && Overrides.TryGetValue(validation, out var overridden))
        {
            return overridden;
        }
        return (Level, validation) switch
        {
            (_, NotationValidation.Integrity) => ValidationAction.Enforce,
            (VerificationLevel.Strict, _) => ValidationAction.Enforce,
            (VerificationLevel.Permissive, NotationValidation.Authenticity) => ValidationAction.Enforce,
            _ => ValidationAction.Log,
        };
    }

    /// <summary>The level and overrides as a report shows them, for example <c>strict (revocation: log)</c>.</summary>
    public string Describe() => Level.ToString().ToLowerInvariant()
        + (Overrides.Count == 0 ? string.Empty : " (" + string.Join(", ", Overrides.Select(o => Name(o.Key) + ": " + o.Value.ToString().ToLowerInvariant())) + ")");

    internal static string Name(NotationValidation validation) => validation switch
    {
        NotationValidation.Integrity => "integrity",
        NotationValidation.Authenticity => "authenticity",
        NotationValidation.Expiry => "expiry",
        NotationValidation.AuthenticTimestamp => "authenticTimestamp",
        _ => "revocation",
    };
}

/// <summary>A named store a statement trusts: its type (<c>ca</c>, <c>signingAuthority</c>, <c>tsa</c>) and name.</summary>
/// <param name="Type">The store type.</param>
/// <param name="Name">The named store.</param>
public sealed record TrustStoreName(string Type, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Type + ":" + Name;
}

/// <summary>One statement of an OCI trust policy.</summary>
/// <param name="Name">Its name.</param>
/// <param name="RegistryScopes">Fully qualified repositories, or <c>*</c> alone.</param>
/// <param name="Verification">The level and its settings.</param>
/// <param name="TrustStores">The named stores it trusts.</param>
/// <param name="TrustsAnyIdentity">True for <c>trustedIdentities: ["*"]</c>.</param>
/// <param name="TrustedIdentities">The <c>x509.subject</c> identities.</param>
/// <param name="Index">The statement's index in <c>trustPolicies</c>, for messages.</param>
public sealed record TrustPolicyStatement(
    string Name,
    IReadOnlyList<string> RegistryScopes,
    SignatureVerificationSettings Verification,
    IReadOnlyList<TrustStoreName> TrustStores,
    bool TrustsAnyIdentity,
    IReadOnlyList<DistinguishedName> TrustedIdentities,
    int Index);

/// <summary>An OCI trust policy document (<c>trustpolicy.json</c> / <c>trustpolicy.oci.json</c>, version 1.0).</summary>
/// <param name="Source">Where it was read from, for messages.</param>
/// <param name="Statements">Its statements.</param>
public sealed record TrustPolicyDocument(string Source, IReadOnlyList<TrustPolicyStatement> Statements)
{
    /// <summary>
    /// The statement that applies to <paramref name="repository"/> (<c>registry/namespace/repo</c>): the exact scope match,
    /// else the <c>*</c> statement, else none.
    /// </summary>
    public TrustPolicyStatement? For(string repository) =>
        Statements.FirstOrDefault(s => s.RegistryScopes.Contains(repository, StringComparer.Ordinal))
        ?? Statements.FirstOrDefault(s => s.RegistryScopes.Contains("*", StringComparer.Ordinal));
}
