using PipelineGuard.Dockerfiles;
using PipelineGuard.Dockerfiles.Writers;
using PipelineGuard.Secrets;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

/// <summary>The security rules' misses and false alarms found against Checkov's CKV2_DOCKER fixtures, one row each.</summary>
public class SecurityRuleTests
{
    /// <summary>Fake credentials of each value format the engine knows (right prefix, alphabet and length; not real).</summary>
    public static readonly (string Kind, string Value)[] Tokens =
    [
        ("AWS access key id", "ASIAIOSFODNN7EXAMPLE"),
        ("AWS secret access key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("GitLab token", "glrt-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn"),
        ("GitLab token", "gldt-" + "Zx9Yw8Vu7Ts6Rq5Po4Nm"),
        ("Slack webhook URL", "https://hooks.slack.com/services/T0EXAMPLE/B0EXAMPLE/" + "abcdefghijklmnopqrstuvwx"),
        ("Stripe key", "rk_live_" + "51Habcdefghijklmnopqrstu"),
        ("Stripe key", "sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc"),
        ("PyPI token", "pypi-AgEIcHlwaS5vcmc" + "CJDEyMzQ1Njc4LTkwYWItY2RlZi0xMjM0LTU2Nzg5MGFiY2RlZgACKlsz"),
        ("Google API key", "AIza" + "SyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"),
        ("OpenAI API key", "sk-proj-" + "abcDEF123ghiJKL456mnoPQR789stu"),
        ("Anthropic API key", "sk-ant-api03-" + new string('a', 40) + new string('B', 45)),
        ("Hugging Face token", "hf_" + "abcdefghijklmnopqrstuvwxyzABCDEFGH"),
        ("DigitalOcean token", "dop_v1_" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        ("SendGrid API key", "SG." + "abcdefghijklmnopqrstuv" + "." + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"),
        ("Shopify token", "shpat_" + "0123456789abcdef0123456789abcdef"),
        ("HashiCorp Vault token", "hvs." + "CAESIJ1234567890abcdefghij"),
        ("Docker Hub token", "dckr_pat_" + "abcdefghijklmnopqrstuvwxyz0"),
        ("Twilio API key", "SK" + "0123456789abcdef0123456789abcdef"),
        ("JSON web token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
        ("Azure storage account key", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=" + new string('A', 40) + new string('z', 46) + "=="),
        ("GitHub token", PipelineGuard.Testing.Secrets.PlantedSecrets.GitHubToken()),
    ];

    private static readonly (string Code, bool Fires, string Dockerfile)[] Cases =
    [
        // PG1001 false alarms: values about a secret, not secrets.
        ("PG1001", false, "FROM debian:12\nENV PASSWORD_MIN_LENGTH=12\n"),
        ("PG1001", false, "FROM debian:12\nENV TOKEN_TTL_SECONDS=3600\n"),
        ("PG1001", false, "FROM debian:12\nENV KEYCLOAK_CLIENT_SECRET_NAME=keycloak-client\n"),
        ("PG1001", false, "FROM debian:12\nENV GOOGLE_APPLICATION_CREDENTIALS=config/service-account.json\n"),
        ("PG1001", false, "FROM python:3.12\nENV GPG_KEY=0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D\n"),
        ("PG1001", false, "FROM debian:12\nENV SORT_KEY=name\n"),
        ("PG1001", false, "FROM debian:12\nARG DB_PASSWORD\nENV DB_PASSWORD=$DB_PASSWORD\n"),
        // PG1001 misses.
        ("PG1001", true, "FROM debian:12\nENV DATABASE_URL=postgres://app:pw@db:5432/app\n"),
        ("PG1001", true, "FROM debian:12\nARG MIRROR=https://deploy:Xy7pLq2w@repo.example.com/simple\n"),
        ("PG1001", true, "FROM debian:12\nENV APP_KEY=base64:Zm9vYmFyYmF6cXV4cXV1eDEyMw==\n"),
        ("PG1001", true, "FROM debian:12\nENV STRIPE_KEY=Hq7LyjWDarjtT1zdp7dcx9\n"),
        ("PG1001", true, "FROM debian:12\nENV DB_PASSWORD=hunter22\n"),

        // PG1002 misses: passwords on well-known command lines.
        ("PG1002", true, "FROM debian:12\nRUN docker login -u ci -p hunter2secret registry.example.com\n"),
        ("PG1002", true, "FROM debian:12\nRUN mysql -uroot -pSECRETpw -e 'select 1'\n"),
        ("PG1002", true, "FROM debian:12\nRUN curl -u user:pass https://example.com/file -o /tmp/file\n"),
        ("PG1002", true, "FROM debian:12\nRUN htpasswd -b -c /etc/nginx/.htpasswd admin s3cretpw\n"),
        ("PG1002", false, "FROM debian:12\nRUN curl -u \"$USER:$PASS\" https://example.com/file\n"),
        ("PG1002", false, "FROM debian:12\nRUN --mount=type=secret,id=pw mysql -uroot -p\"$(cat /run/secrets/pw)\" -e 'select 1'\n"),
        ("PG1002", false, "FROM debian:12\nRUN htpasswd -c /etc/nginx/.htpasswd admin\n"),

        // PG1003 misses.
        ("PG1003", true, "FROM debian:12\nENV GIT_SSL_NO_VERIFY=0\n"),
        ("PG1003", true, "FROM debian:12\nENV GIT_SSL_NO_VERIFY=false\n"),
        ("PG1003", true, "FROM debian:12\nENV GIT_SSL_NO_VERIFY=\n"),
        ("PG1003", true, "FROM debian:12\nARG GIT_SSL_NO_VERIFY=1\n"),
        ("PG1003", false, "FROM debian:12\nARG GIT_SSL_NO_VERIFY\n"),
        ("PG1003", true, "FROM node:20\nRUN npm config set strict-ssl=false\n"),
        ("PG1003", true, "FROM node:20\nRUN npm set strict-ssl false\n"),
        ("PG1003", true, "FROM node:20\nRUN npm c set strict-ssl false\n"),
        ("PG1003", true, "FROM node:20\nRUN npm install --strict-ssl=false express@4.19.2\n"),
        ("PG1003", false, "FROM node:20\nRUN npm config set strict-ssl true\n"),
        ("PG1003", true, "FROM fedora:40\nRUN dnf --setopt=sslverify=no install -y httpd-2.4.62 && dnf clean all\n"),
        ("PG1003", true, "FROM centos:7\nRUN yum --setopt=sslverify=False install -y httpd-2.4.6 && yum clean all\n"),
        ("PG1003", false, "FROM fedora:40\nRUN dnf --setopt=sslverify=1 install -y httpd-2.4.62 && dnf clean all\n"),

        // PG1011: chpasswd with a literal password (Checkov CKV2_DOCKER_17).
        ("PG1011", true, "FROM debian:12\nRUN echo 'root:Docker!' | chpasswd\n"),
        ("PG1011", true, "FROM debian:12\nRUN useradd app && echo \"app:s3cret\" | chpasswd\n"),
        ("PG1011", true, "FROM debian:12\nRUN chpasswd <<< 'root:pw1234'\n"),
        ("PG1011", false, "FROM debian:12\nRUN echo \"root:${ROOT_PASSWORD}\" | chpasswd\n"),
        ("PG1011", false, "FROM debian:12\nRUN --mount=type=secret,id=pw chpasswd < /run/secrets/pw\n"),

        // PG1012: an SSH private key copied from the build context.
        ("PG1012", true, "FROM debian:12\nCOPY id_rsa /root/.ssh/\n"),
        ("PG1012", true, "FROM debian:12\nADD ./keys/id_ed25519 /root/.ssh/id_ed25519\n"),
        ("PG1012", false, "FROM debian:12\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n"),
        ("PG1012", false, "FROM debian:12 AS keys\nFROM debian:12\nCOPY --from=keys /etc/ssh/id_rsa /tmp/\n"),
    ];

    public static TheoryData<string, bool, string> All()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var (code, fires, dockerfile) in Cases)
        {
            data.Add(code, fires, dockerfile);
        }

        foreach (var (kind, value) in Tokens)
        {
            data.Add("PG1001", true, $"FROM debian:12\nENV SETTING={value}\n");

            // Without a prefix, an AWS secret key is recognised only as an assigned value.
            if (kind != "AWS secret access key")
            {
                data.Add("PG1002", true, $"FROM debian:12\nRUN ./configure '--with={value}'\n");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Security_rule_gives_the_expected_answer(string code, bool fires, string dockerfile)
    {
        var findings = DockerfileLinter.Lint(dockerfile, "Dockerfile", LintConfiguration.Default).Findings;
        var found = findings.Any(f => f.Code == code);
        Assert.True(found == fires, $"{code} should {(fires ? string.Empty : "not ")}fire on:\n{dockerfile}\nfound: {string.Join(", ", findings.Select(f => $"{f.Code}: {f.Message}"))}");
    }

    [Fact]
    public void Every_token_format_is_recognised_by_its_value_with_its_kind()
    {
        foreach (var (kind, value) in Tokens)
        {
            var match = SecretPatterns.FindInAssignment("SETTING", value);
            Assert.True(match is not null, $"{kind} not found in {value[..6]}...");
            Assert.Equal(kind, match!.Kind);
            Assert.Equal(8, match.Fingerprint.Length);
        }
    }

    [Fact]
    public void Prefix_lookalikes_are_not_tokens()
    {
        foreach (var value in new[] { "SKIP_TESTS_FOR_THIS_BUILD_PLEASE_OK", "hf_short", "ASIA/Tokyo", "sk-proj", "eyJustText", "AIzaShort", "glrt-short" })
        {
            Assert.Empty(SecretPatterns.FindValues(value));
        }
    }

    [Fact]
    public void No_output_format_prints_a_planted_secret()
    {
        string[] secrets = ["ghp_" + "PLANTEDabcdefghijklmnopqrstuvwxyz0123", "Pl4ntedUrlPw", "Pl4ntedCurlPw", "Pl4ntedChpasswd", "Pl4ntedEnvPassword", "Pl4ntedMysqlPw"];
        var dockerfile = string.Join('\n',
            "FROM debian:12",
            $"ENV GITHUB_TOKEN={secrets[0]}",
            $"ENV DATABASE_URL=postgres://app:{secrets[1]}@db/app",
            $"RUN curl -u admin:{secrets[2]} https://example.com/x -o /x",
            $"RUN echo 'root:{secrets[3]}' | chpasswd",
            $"ENV DB_PASSWORD={secrets[4]}",
            $"RUN mysql -uroot -p{secrets[5]} -e 'select 1'",
            string.Empty);
        var result = DockerfileLinter.Lint(dockerfile, "Dockerfile", LintConfiguration.Default);
        Assert.Equal(6, result.Findings.Count(f => f.Code is "PG1001" or "PG1002" or "PG1011"));
        Assert.All(result.Findings.Where(f => f.Code is "PG1001" or "PG1002" or "PG1011"), f => Assert.Contains("fingerprint ", f.Message, StringComparison.Ordinal));
        foreach (var format in Enum.GetValues<LintOutputFormat>())
        {
            using var writer = new StringWriter();
            LintReportWriter.Write(format, [result], writer, timestamp: DateTimeOffset.UnixEpoch);
            var output = writer.ToString();
            Assert.NotEmpty(output);
            foreach (var secret in secrets)
            {
                Assert.False(output.Contains(secret, StringComparison.Ordinal), $"{format} output prints {secret[..6]}...");
            }
        }
    }
}
