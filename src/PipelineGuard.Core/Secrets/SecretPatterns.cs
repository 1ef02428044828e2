using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PipelineGuard.Secrets;

/// <summary>
/// The one engine of secret patterns: credential formats known by their value (vendor prefixes, fixed lengths and
/// alphabets), credentials in URLs, and sensitive variable names whose value has the shape of a secret. Dockerfile lint
/// uses it for ARG/ENV and RUN; secrets scanning uses it for files. A text is first searched for every format's
/// literal prefix at once, and only the formats whose prefix occurs are matched.
/// </summary>
public static partial class SecretPatterns
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private const string B = "(?<![A-Za-z0-9_])";
    private const string E = "(?![A-Za-z0-9_])";

    /// <summary>The value formats, in the order they are tried at one place of a text.</summary>
    public static IReadOnlyList<SecretFormat> Formats { get; } =
    [
        Format(SecretRuleCatalog.AwsAccessKeyId, "AWS access key id", ["AKIA", "ASIA", "ABIA", "ACCA"], $@"\G{B}(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{{16}}{E}"),
        Format("PG4003", "GitHub token", ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], $@"\G{B}gh[pousr]_[A-Za-z0-9]{{36}}{E}") with { Validate = TokenChecksum.IsValid },
        Format("PG4004", "GitHub fine-grained token", ["github_pat_"], $@"\G{B}github_pat_[A-Za-z0-9]{{22}}_[A-Za-z0-9]{{59}}{E}"),
        Format("PG4005", "GitLab token", ["glpat-", "glrt-", "gldt-", "glptt-", "gloas-", "glcbt-", "glft-", "glsoat-"], $@"\G{B}(?:glpat|glrt|gldt|glptt|gloas|glcbt|glft|glsoat)-[A-Za-z0-9_.-]{{20,}}"),
        Format("PG4005", "GitLab runner registration token", ["GR1348941"], $@"\G{B}GR1348941[A-Za-z0-9_-]{{20,}}"),
        Format("PG4006", "Slack token", ["xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-", "xoxe-", "xoxo-"], $@"\G{B}xox[abprseo]-[A-Za-z0-9-]{{10,}}"),
        Format("PG4006", "Slack app token", ["xapp-"], $@"\G{B}xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{{20,}}"),
        Format("PG4007", "Slack webhook URL", ["https://hooks.slack.com/"], @"\Ghttps://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{40,}"),
        Format("PG4008", "Stripe key", ["sk_live_", "sk_test_", "rk_live_", "rk_test_"], $@"\G{B}[sr]k_(?:live|test)_[A-Za-z0-9]{{20,}}{E}"),
        Format("PG4009", "npm token", ["npm_"], $@"\G{B}npm_[A-Za-z0-9]{{36}}{E}") with { Validate = TokenChecksum.IsValid },
        Format("PG4010", "PyPI token", ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"], $@"\G{B}pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{{50,}}"),
        Format("PG4011", "NuGet API key", ["oy2"], $@"\G{B}oy2[a-z0-9]{{43}}{E}"),
        Format("PG4012", "Docker Hub token", ["dckr_pat_", "dckr_oat_"], $@"\G{B}dckr_(?:pat|oat)_[A-Za-z0-9_-]{{27,}}"),
        Format("PG4013", "Azure storage account key", ["AccountKey="], @"\GAccountKey=(?<s>[A-Za-z0-9+/]{86}==)"),
        Format("PG4014", "Azure shared access key", ["SharedAccessKey="], @"\GSharedAccessKey=(?<s>[A-Za-z0-9+/]{43}=)"),
        Format("PG4015", "Azure AD client secret", ["Q~"], @"\G(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])") with { Lead = 4 },
        Format("PG4016", "Google API key", ["AIza"], $@"\G{B}AIza[0-9A-Za-z_-]{{35}}(?![A-Za-z0-9_-])"),
        Format("PG4017", "Google service-account key", ["\"private_key\""], @"\G""private_key""\s*:\s*""(?<s>-----BEGIN [A-Z ]*PRIVATE KEY-----[^""]{16,})""") with { AlsoInText = "service_account" },
        Format("PG4018", "OpenAI API key", ["sk-proj-", "sk-svcacct-", "sk-admin-"], $@"\G{B}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{{20,}}"),
        Format("PG4018", "OpenAI API key", ["T3BlbkFJ"], $@"\G{B}sk-[A-Za-z0-9]{{20}}T3BlbkFJ[A-Za-z0-9]{{20}}{E}") with { Lead = 23 },
        Format("PG4019", "Anthropic API key", ["sk-ant-"], $@"\G{B}sk-ant-(?:api|admin)\d{{2}}-[A-Za-z0-9_-]{{80,}}"),
        Format("PG4020", "Hugging Face token", ["hf_"], $@"\G{B}hf_[A-Za-z]{{34}}{E}"),
        Format("PG4021", "DigitalOcean token", ["dop_v1_", "doo_v1_", "dor_v1_"], $@"\G{B}do[por]_v1_[a-f0-9]{{64}}{E}"),
        Format("PG4022", "SendGrid API key", ["SG."], $@"\G{B}SG\.[A-Za-z0-9_-]{{22}}\.[A-Za-z0-9_-]{{43}}(?![A-Za-z0-9_-])"),
        Format("PG4023", "Shopify token", ["shpat_", "shpss_", "shpca_", "shppa_"], $@"\G{B}shp(?:at|ss|ca|pa)_[a-fA-F0-9]{{32}}{E}"),
        Format("PG4024", "HashiCorp Vault token", ["hvs.", "hvb.", "hvr."], $@"\G{B}hv[sbr]\.[A-Za-z0-9_-]{{24,}}"),
        Format("PG4025", "Twilio API key", ["SK"], $@"\G{B}SK[0-9a-f]{{32}}{E}") with { Validate = v => HasLetterAndDigit(v.AsSpan(2)) },
        Format("PG4026", "JSON web token", ["eyJ"], $@"\G{B}eyJ[A-Za-z0-9_-]{{10,}}\.eyJ[A-Za-z0-9_-]{{10,}}\.[A-Za-z0-9_-]{{10,}}"),
        Format(SecretRuleCatalog.PrivateKey, "private key", ["-----BEGIN "], @"\G-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\\n|\s)*(?<s>[\s\S]{16,65536}?)(?:\\n|\s)*-----END "),
        Format(SecretRuleCatalog.UrlCredentials, "credentials in a URL", ["://"], @"\G[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@""'<>]+:(?<s>[^/\s@""'<>]+)@[^\s/""'<>]+") with { StartsWith = IsSchemeChar, Validate = p => !IsReference(p) && !IsPlaceholder(p) },
    ];

#if NET9_0_OR_GREATER
    private static readonly SearchValues<string> AllPrefixes = SearchValues.Create([.. Formats.SelectMany(f => f.Prefixes).Distinct()], StringComparison.Ordinal);
#else
    private static readonly string[] AllPrefixes = [.. Formats.SelectMany(f => f.Prefixes).Distinct()];
#endif

    private static readonly (string Prefix, SecretFormat Format)[] PrefixTable = [.. Formats.SelectMany(f => f.Prefixes.Select(p => (p, f)))];

    /// <summary>Names that are secrets whatever their spelling suggests (exact, upper case).</summary>
    private static readonly HashSet<string> SensitiveNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "NPM_TOKEN", "NPM_AUTH_TOKEN", "GH_TOKEN", "GITHUB_TOKEN",
        "CI_JOB_TOKEN", "VAULT_TOKEN", "SLACK_WEBHOOK", "SLACK_WEBHOOK_URL", "DATABASE_URL", "CONNECTION_STRING",
    };

    /// <summary>Name parts that mark a secret (compared without case).</summary>
    private static readonly string[] SensitiveParts = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL", "AUTH_KEY", "CLIENT_KEY"];

    /// <summary>Name endings that say the value is about a secret, not the secret (a length, a lifetime, a name, a path...).</summary>
    private static readonly string[] DescriptiveSuffixes =
    [
        "_NAME", "_ID", "_FILE", "_PATH", "_DIR", "_LENGTH", "_LEN", "_TTL", "_SECONDS", "_MINUTES", "_HOURS", "_DAYS", "_TIMEOUT", "_EXPIRY",
        "_EXPIRES", "_LIFETIME", "_ENABLED", "_DISABLED", "_REQUIRED", "_COUNT", "_SIZE", "_TYPE", "_MODE", "_POLICY", "_HEADER",
        "_FORMAT", "_ALGORITHM", "_VERSION", "_ID_FILE", "_LOCATION", "_ENDPOINT", "_HOST", "_PORT", "_USER", "_USERNAME",
        "_MIN", "_MAX", "_ROUNDS", "_ITERATIONS", "_STRENGTH", "_COMPLEXITY", "_HASH_ALGORITHM", "_PROVIDER", "_URL_PATH",
    ];

    /// <summary>Names whose value is the path to a credentials file, never the credential.</summary>
    // PUBLIC_KEY_TOKEN: .NET's strong-name token (PublicKeyToken=31bf3856ad364e35 in every assembly-qualified name, in
    // NuGet's own .psmdcp, web.config and .deps files) is a public value, the hash of a public key.
    private static readonly HashSet<string> PathNames = new(StringComparer.OrdinalIgnoreCase) { "GOOGLE_APPLICATION_CREDENTIALS", "AWS_SHARED_CREDENTIALS_FILE", "KUBECONFIG", "PUBLIC_KEY_TOKEN" };

    /// <summary>Names ending in KEY that are not secrets (public keys and key ids, GPG fingerprints).</summary>
    private static readonly string[] PublicKeyParts = ["PUBLIC", "GPG", "PGP", "FINGERPRINT", "SIGNING_KEY_ID", "KEYSERVER", "KEYRING", "HOTKEY", "SORT_KEY", "CACHE_KEY", "PRIMARY_KEY", "FOREIGN_KEY", "PARTITION_KEY"];

    /// <summary>Every credential in <paramref name="text"/> recognised by its value (formats and URL credentials), in text order.</summary>
    public static List<SecretMatch> FindValues(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = new List<SecretMatch>();
        if (text.Length < 8)
        {
            return matches;
        }

        // One pass for every prefix at once; a format's pattern runs only where its prefix is, anchored there.
        var covered = 0;
        var position = 0;
        while (position < text.Length)
        {
            var offset = IndexOfPrefix(text.AsSpan(position));
            if (offset < 0)
            {
                break;
            }

            var hit = position + offset;
            if (TryMatchAt(text, hit, covered) is { } found)
            {
                matches.Add(found.Match);
                covered = found.End;
            }

            position = Math.Max(hit + 1, covered);
        }

        return matches;
    }

    private static (SecretMatch Match, int End)? TryMatchAt(string text, int hit, int covered)
    {
        var at = text.AsSpan(hit);
        foreach (var (prefix, format) in PrefixTable)
        {
            if (!at.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var start = hit - format.Lead;
            if (format.StartsWith is { } startsWith)
            {
                while (start > 0 && startsWith(text[start - 1]))
                {
                    start--;
                }
            }

            if (start < covered || (format.AlsoInText is { } also && !text.Contains(also, StringComparison.Ordinal)))
            {
                continue;
            }

            var match = format.Pattern.Match(text, start);
            if (!match.Success || match.Index != start)
            {
                continue;
            }

            var secret = match.Groups["s"] is { Success: true } named ? named : match;
            if (format.Validate is { } validate && !validate(secret.Value))
            {
                continue;
            }

            return (new SecretMatch(format.RuleId, format.Kind, secret.Index, secret.Length, Fingerprint(secret.ValueSpan)), match.Index + match.Length);
        }

        return null;
    }

    private static int IndexOfPrefix(ReadOnlySpan<char> text)
    {
#if NET9_0_OR_GREATER
        return text.IndexOfAny(AllPrefixes);
#else
        var first = -1;
        foreach (var prefix in AllPrefixes)
        {
            var i = text.IndexOf(prefix, StringComparison.Ordinal);
            if (i >= 0 && (first < 0 || i < first))
            {
                first = i;
            }
        }

        return first;
#endif
    }

    private static bool IsSchemeChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '.' or '-';

    /// <summary>
    /// The secret in <c>name=value</c>, or null: a value format anywhere in the value, else a sensitive name (password,
    /// secret, token, API key, a name ending in KEY...) whose value has the shape of a secret: literal, not a number,
    /// boolean, path or placeholder, and for names ending in KEY long and varied enough to be random.
    /// </summary>
    public static SecretMatch? FindInAssignment(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var byValue = FindValues(value);
        if (byValue.Count > 0)
        {
            return byValue[0];
        }

        if (IsAwsSecretKeyShape(value.AsSpan().Trim()))
        {
            return new SecretMatch(SecretRuleCatalog.AwsSecretAccessKey, "AWS secret access key", value.IndexOf(value.Trim(), StringComparison.Ordinal), value.Trim().Length, Fingerprint(value.AsSpan().Trim()));
        }

        if (!IsSensitiveName(name) || !LooksLikeSecretValue(name, value))
        {
            return null;
        }

        return new SecretMatch(SecretRuleCatalog.SensitiveAssignment, KindOfName(name), 0, value.Length, Fingerprint(value));
    }

    /// <summary>True when <paramref name="name"/> names a secret rather than something about one.</summary>
    public static bool IsSensitiveName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (SensitiveNames.Contains(name))
        {
            return true;
        }

        if (PathNames.Contains(name) || EndsWithAny(name, DescriptiveSuffixes))
        {
            return false;
        }

        if (ContainsAny(name, SensitiveParts, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return name.EndsWith("KEY", StringComparison.OrdinalIgnoreCase) && !ContainsAny(name, PublicKeyParts, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The shape check on a sensitive name's value.</summary>
    public static bool LooksLikeSecretValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Trim();
        if (v.Length < 4 || IsReference(v) || IsNumber(v) || IsPlaceholder(v) || IsPathLike(v))
        {
            return false;
        }

        if (v.Contains("://", StringComparison.Ordinal))
        {
            // A URL is a secret only through its credentials (FindValues).
            return false;
        }

        if (name.EndsWith("KEY", StringComparison.OrdinalIgnoreCase) && !ContainsAny(name, SensitiveParts, StringComparison.OrdinalIgnoreCase))
        {
            // A bare *_KEY may be a lookup key or a mode: only a long, varied value counts.
            return v.Length >= 16 && ShannonEntropy(v) >= 3.0;
        }

        return true;
    }

    /// <summary>The first 8 hex digits of the SHA-256 of <paramref name="secret"/>.</summary>
    public static string Fingerprint(ReadOnlySpan<char> secret)
    {
        Span<byte> utf8 = stackalloc byte[Math.Min(Encoding.UTF8.GetMaxByteCount(secret.Length), 1024)];
        byte[]? rented = null;
        if (Encoding.UTF8.GetMaxByteCount(secret.Length) > utf8.Length)
        {
            rented = new byte[Encoding.UTF8.GetMaxByteCount(secret.Length)];
            utf8 = rented;
        }

        var written = Encoding.UTF8.GetBytes(secret, utf8);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(utf8[..written], hash);
        return Convert.ToHexString(hash[..4]).ToLowerInvariant();
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double ShannonEntropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        var counts = new Dictionary<char, int>();
        foreach (var c in value)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        double entropy = 0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / value.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    private static string KindOfName(string name) =>
        ContainsAny(name, ["PASSWORD", "PASSWD", "PASSPHRASE"], StringComparison.OrdinalIgnoreCase) ? "password"
        : ContainsAny(name, ["TOKEN"], StringComparison.OrdinalIgnoreCase) ? "token"
        : name.EndsWith("KEY", StringComparison.OrdinalIgnoreCase) || name.Contains("KEY_", StringComparison.OrdinalIgnoreCase) ? "key"
        : "secret";

    private static bool IsReference(string value) =>
        value.Contains('$', StringComparison.Ordinal) || value.Contains("/run/secrets", StringComparison.Ordinal) || (value.StartsWith("{{", StringComparison.Ordinal) && value.EndsWith("}}", StringComparison.Ordinal));

    private static bool IsNumber(string value) => value.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '_' or 's' or 'm' or 'h' or 'd') && value.Any(char.IsAsciiDigit);

    private static bool IsPlaceholder(string value) =>
        value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "none" or "null" or "nil" or "empty" or "changeme" or "change-me" or "change_me" or "required" or "optional" or "unset" or "dummy" or "example" or "xxx" or "xxxx" or "<secret>" or "<password>" or "<token>"
        || value.All(c => c is 'x' or 'X' or '*' or '.' or '<' or '>');

    private static bool IsPathLike(string value) =>
        value.StartsWith('/') || value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("../", StringComparison.Ordinal) || value.StartsWith("~/", StringComparison.Ordinal)
        || (value.Length > 2 && value[1] == ':' && value[2] is '\\' or '/')
        || (!value.Contains(' ', StringComparison.Ordinal) && value.Contains('/', StringComparison.Ordinal) && HasFileExtension(value))
        || (HasFileExtension(value) && value.IndexOf('.', StringComparison.Ordinal) == value.LastIndexOf('.') && value.Length < 64 && !value.Contains('=', StringComparison.Ordinal));

    private static bool HasFileExtension(string value)
    {
        var dot = value.LastIndexOf('.');
        var extension = dot > 0 ? value[(dot + 1)..].ToLowerInvariant() : string.Empty;
        return extension is "json" or "yaml" or "yml" or "pem" or "crt" or "cer" or "key" or "p12" or "pfx" or "jks" or "txt" or "conf" or "cfg" or "ini" or "env" or "toml" or "xml" or "properties";
    }

    /// <summary>An AWS secret access key has no prefix: 40 base64 characters, mixed case with digits and a <c>/</c> or <c>+</c>.</summary>
    private static bool IsAwsSecretKeyShape(ReadOnlySpan<char> value)
    {
        if (value.Length != 40 || value.IndexOfAny('/', '+') < 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('/' or '+'))
            {
                return false;
            }
        }

        return value.IndexOfAnyInRange('A', 'Z') >= 0 && value.IndexOfAnyInRange('a', 'z') >= 0 && value.IndexOfAnyInRange('0', '9') >= 0 && ShannonEntropy(value) >= 4.0;
    }

    private static bool HasLetterAndDigit(ReadOnlySpan<char> value) => value.IndexOfAnyInRange('a', 'f') >= 0 && value.IndexOfAnyInRange('0', '9') >= 0;

    private static bool EndsWithAny(string name, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(string text, IReadOnlyList<string> parts, StringComparison comparison = StringComparison.Ordinal)
    {
        foreach (var part in parts)
        {
            if (text.Contains(part, comparison))
            {
                return true;
            }
        }

        return false;
    }

    private static SecretFormat Format(string ruleId, string kind, string[] prefixes, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern) =>
        new(ruleId, kind, prefixes, new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout));
}
