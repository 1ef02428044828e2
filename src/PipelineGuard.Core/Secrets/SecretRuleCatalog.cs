using PipelineGuard.Findings;
using PipelineGuard.Gate;

namespace PipelineGuard.Secrets;

/// <summary>
/// The secrets rules (PG4xxx), each declared once: token formats known by their value, credentials in URLs, sensitive
/// assignments, and sensitive files known by their name and content. The rule registry includes this list;
/// docs/secrets.md documents every rule under its id.
/// </summary>
public static class SecretRuleCatalog
{
    private const string Documentation = "https://github.com/pipelineguard/pipelineguard/blob/main/docs/secrets.md#";

    /// <summary>AWS access key id.</summary>
    public const string AwsAccessKeyId = "PG4001";

    /// <summary>AWS secret access key.</summary>
    public const string AwsSecretAccessKey = "PG4002";

    /// <summary>Sensitive assignment (a password, secret, token or key name with a secret-shaped value).</summary>
    public const string SensitiveAssignment = "PG4030";

    /// <summary>Credentials in a URL.</summary>
    public const string UrlCredentials = "PG4029";

    /// <summary>A private key (PEM or OpenSSH).</summary>
    public const string PrivateKey = "PG4027";

    /// <summary>A PKCS#12 file.</summary>
    public const string Pkcs12File = "PG4028";

    /// <summary>A .env file with assignments.</summary>
    public const string DotEnvFile = "PG4031";

    /// <summary>An SSH private key file by name.</summary>
    public const string SshKeyFile = "PG4032";

    /// <summary>A strong-name key pair.</summary>
    public const string StrongNameKey = "PG4033";

    /// <summary>npm registry credentials in an .npmrc.</summary>
    public const string NpmrcAuth = "PG4034";

    /// <summary>A password in a .pypirc.</summary>
    public const string PypircPassword = "PG4035";

    /// <summary>A .git-credentials file.</summary>
    public const string GitCredentials = "PG4036";

    /// <summary>Registry credentials in a Docker config.json.</summary>
    public const string DockerConfigAuth = "PG4037";

    /// <summary>A .NET user-secrets file.</summary>
    public const string UserSecretsFile = "PG4038";

    /// <summary>A publish-settings or publish-profile file with a password.</summary>
    public const string PublishSettings = "PG4039";

    /// <summary>A connection string with a password in appsettings.</summary>
    public const string AppSettingsConnectionString = "PG4040";

    /// <summary>Every secrets rule, ordered by id.</summary>
    public static IReadOnlyList<RuleDescriptor> Rules { get; } =
    [
        Rule(AwsAccessKeyId, "aws-access-key-id", "AWS access key id", Severity.Error),
        Rule(AwsSecretAccessKey, "aws-secret-access-key", "AWS secret access key", Severity.Error),
        Rule("PG4003", "github-token", "GitHub token (classic personal, OAuth, app user, app server or refresh token, checksum verified)", Severity.Error),
        Rule("PG4004", "github-fine-grained-token", "GitHub fine-grained personal access token", Severity.Error),
        Rule("PG4005", "gitlab-token", "GitLab token (personal, runner, deploy, pipeline trigger, OAuth application, runner registration)", Severity.Error),
        Rule("PG4006", "slack-token", "Slack token", Severity.Error),
        Rule("PG4007", "slack-webhook", "Slack incoming webhook URL", Severity.Error),
        Rule("PG4008", "stripe-key", "Stripe secret or restricted key", Severity.Error),
        Rule("PG4009", "npm-token", "npm access token (checksum verified)", Severity.Error),
        Rule("PG4010", "pypi-token", "PyPI API token", Severity.Error),
        Rule("PG4011", "nuget-api-key", "NuGet.org API key", Severity.Error),
        Rule("PG4012", "docker-hub-token", "Docker Hub personal or organisation access token", Severity.Error),
        Rule("PG4013", "azure-storage-account-key", "Azure storage account key in a connection string", Severity.Error),
        Rule("PG4014", "azure-shared-access-key", "Azure Service Bus, Event Hubs or IoT Hub shared access key in a connection string", Severity.Error),
        Rule("PG4015", "azure-ad-client-secret", "Microsoft Entra ID (Azure AD) application client secret", Severity.Error),
        Rule("PG4016", "google-api-key", "Google API key", Severity.Error),
        Rule("PG4017", "google-service-account-key", "Google Cloud service-account key (JSON with a private key)", Severity.Error),
        Rule("PG4018", "openai-api-key", "OpenAI API key", Severity.Error),
        Rule("PG4019", "anthropic-api-key", "Anthropic API key", Severity.Error),
        Rule("PG4020", "hugging-face-token", "Hugging Face access token", Severity.Error),
        Rule("PG4021", "digitalocean-token", "DigitalOcean personal access, OAuth or refresh token", Severity.Error),
        Rule("PG4022", "sendgrid-api-key", "SendGrid API key", Severity.Error),
        Rule("PG4023", "shopify-token", "Shopify access token or shared secret", Severity.Error),
        Rule("PG4024", "vault-token", "HashiCorp Vault service, batch or recovery token", Severity.Error),
        Rule("PG4025", "twilio-api-key", "Twilio API key", Severity.Error),
        Rule("PG4026", "json-web-token", "JSON web token", Severity.Warning),
        Rule(PrivateKey, "private-key", "Private key (PEM or OpenSSH)", Severity.Error),
        Rule(Pkcs12File, "pkcs12-file", "PKCS#12 file (.pfx, .p12): a certificate with its private key", Severity.Error),
        Rule(UrlCredentials, "url-credentials", "Password in a URL", Severity.Error),
        Rule(SensitiveAssignment, "sensitive-assignment", "Password, secret, token or key assigned a secret-shaped value", Severity.Error),
        Rule(DotEnvFile, "dotenv-file", ".env file with assignments", Severity.Error),
        Rule(SshKeyFile, "ssh-private-key-file", "SSH private key file (id_rsa, id_ed25519...)", Severity.Error),
        Rule(StrongNameKey, "strong-name-key", "Strong-name key pair (.snk with its private key)", Severity.Error),
        Rule(NpmrcAuth, "npmrc-auth", ".npmrc with registry credentials", Severity.Error),
        Rule(PypircPassword, "pypirc-password", ".pypirc with a password", Severity.Error),
        Rule(GitCredentials, "git-credentials", ".git-credentials file with a stored credential", Severity.Error),
        Rule(DockerConfigAuth, "docker-config-auth", "Docker config.json with registry credentials (auths)", Severity.Error),
        Rule(UserSecretsFile, "user-secrets-file", ".NET user-secrets file (secrets.json)", Severity.Error),
        Rule(PublishSettings, "publish-settings", "Publish settings or publish profile with a password (.publishsettings, .pubxml.user)", Severity.Error),
        Rule(AppSettingsConnectionString, "appsettings-connection-string", "appsettings.*.json with a connection string holding a password", Severity.Error),
    ];

    private static RuleDescriptor Rule(string id, string name, string title, Severity severity) =>
        new(id, name, title, severity, new Uri(Documentation + id.ToLowerInvariant()), RuleFamily.Secrets) { SecuritySeverity = RuleRegistry.SecurityScore(severity) };
}
