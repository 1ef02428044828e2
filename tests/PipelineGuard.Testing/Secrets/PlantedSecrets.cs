using System.Text;
using PipelineGuard.Secrets;

namespace PipelineGuard.Testing.Secrets;

/// <summary>A file of the secrets corpus: its name, its bytes, the rule expected (null for a decoy) and the secret planted in it.</summary>
/// <param name="Name">The file's path in the corpus (<c>/</c>-separated).</param>
/// <param name="Content">Its bytes.</param>
/// <param name="RuleId">The one rule expected to fire, or null when the file must be clean.</param>
/// <param name="Secret">The planted secret's text (null for a whole-file rule or a decoy): no output may contain it.</param>
public sealed record CorpusFile(string Name, byte[] Content, string? RuleId, string? Secret);

/// <summary>
/// The planted-secrets corpus: one file per token format and sensitive-file rule, and decoys that must stay clean.
/// Every token is built here at run time from fragments and a seeded generator, so the repository holds no scannable
/// secret (push protection and other scanners see none).
/// </summary>
public static class PlantedSecrets
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64 = Alnum + "+/";
    private const string Hex = "0123456789abcdef";

    /// <summary>The corpus: planted files first, then decoys.</summary>
    public static IReadOnlyList<CorpusFile> Corpus() => [.. Planted(), .. Decoys()];

    /// <summary>A GitHub or npm style token (<paramref name="prefix"/> of 4 characters, 30 random, 6 of CRC-32) with a valid checksum.</summary>
    public static string ChecksummedToken(string prefix, int seed)
    {
        var random = Random(Alnum, 30, seed);
        return prefix + random + TokenChecksum.Suffix(random);
    }

    /// <summary>A classic GitHub personal access token with a valid checksum.</summary>
    public static string GitHubToken(int seed = 1) => ChecksummedToken("gh" + "p_", seed);

    /// <summary>Seeded random text from <paramref name="alphabet"/>.</summary>
    public static string Random(string alphabet, int length, int seed)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static IEnumerable<CorpusFile> Planted()
    {
        var seed = 100;
        string R(string alphabet, int length) => Random(alphabet, length, seed++);
        CorpusFile Text(string name, string rule, string secret, string before = "", string after = "\n") =>
            new(name, Encoding.UTF8.GetBytes(before + secret + after), rule, secret);

        yield return Text("aws/id.txt", "PG4001", "AK" + "IA" + R("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), "access key: ");
        yield return Text("aws/credentials", "PG4002", "Xq7/" + R(Base64, 36).Replace('+', 'k') + "", "[default]\naws_secret_access_key = ");
        yield return Text("github/classic.txt", "PG4003", GitHubToken(seed++), "token ");
        yield return Text("github/oauth.json", "PG4003", ChecksummedToken("gh" + "o_", seed++), "{\"oauth\": \"", "\"}\n");
        yield return Text("github/app.txt", "PG4003", ChecksummedToken("gh" + "s_", seed++), "installation ");
        yield return Text("github/fine.txt", "PG4004", "github" + "_pat_" + R(Alnum, 22) + "_" + R(Alnum, 59), "GH=");
        yield return Text("gitlab/pat.txt", "PG4005", "glp" + "at-" + R(Alnum, 20), "use ");
        yield return Text("gitlab/runner.toml", "PG4005", "glr" + "t-" + R(Alnum, 20), "token = \"", "\"\n");
        yield return Text("gitlab/deploy.txt", "PG4005", "gld" + "t-" + R(Alnum, 20), "deploy ");
        yield return Text("slack/bot.txt", "PG4006", "xo" + "xb-" + R("0123456789", 12) + "-" + R("0123456789", 12) + "-" + R(Alnum, 24), "bot ");
        yield return Text("slack/hook.txt", "PG4007", "https://hooks.sl" + "ack.com/services/T" + R("ABCDEFGHIJ0123456789", 8) + "/B" + R("ABCDEFGHIJ0123456789", 8) + "/" + R(Alnum, 24), "post to ");
        yield return Text("stripe.txt", "PG4008", "sk" + "_live_" + R(Alnum, 24), "stripe ");
        yield return Text("npm/token.txt", "PG4009", ChecksummedToken("np" + "m_", seed++), "publish with ");
        yield return Text("pypi.txt", "PG4010", "pypi-AgEIcHlwaS5" + "vcmc" + R(Alnum + "_-", 60), "upload ");
        yield return Text("nuget.txt", "PG4011", "oy" + "2" + R("abcdefghijklmnopqrstuvwxyz0123456789", 43), "dotnet nuget push -k ");
        yield return Text("dockerhub.txt", "PG4012", "dckr" + "_pat_" + R(Alnum, 27), "login ");
        yield return Text("azure/storage.txt", "PG4013", R(Base64, 86) + "==", "DefaultEndpointsProtocol=https;AccountName=app;Account" + "Key=", ";EndpointSuffix=core.windows.net\n");
        yield return Text("azure/servicebus.txt", "PG4014", R(Base64, 43) + "=", "Endpoint=sb://app.servicebus.windows.net/;SharedAccessKeyName=Root;Shared" + "AccessKey=");
        yield return Text("azure/entra.json", "PG4015", R(Alnum, 3) + "8Q" + "~" + R(Alnum + "_~.-", 34), "{\"clientCredential\": \"", "\"}\n");
        yield return Text("google/key.js", "PG4016", "AI" + "za" + R(Alnum, 35), "const maps = '", "';\n");
        var pem = "-----BEGIN " + "PRIVATE KEY-----\\n" + "MIIE" + R(Base64, 60) + "\\n" + R(Base64, 64) + "\\n-----END PRIVATE KEY-----\\n";
        yield return new CorpusFile("google/sa.json", Encoding.UTF8.GetBytes("{\n  \"type\": \"service_" + "account\",\n  \"project_id\": \"demo\",\n  \"private_key_id\": \"" + R(Hex, 40) + "\",\n  \"private_key\": \"" + pem + "\",\n  \"client_email\": \"demo@demo.iam.gserviceaccount.com\"\n}\n"), "PG4017", pem);
        yield return Text("openai.txt", "PG4018", "sk-" + "proj-" + R(Alnum + "_-", 40), "OPENAI=");
        yield return Text("anthropic.txt", "PG4019", "sk-" + "ant-api03-" + R(Alnum + "_-", 90), "claude ");
        yield return Text("hf.txt", "PG4020", "h" + "f_" + R("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 34), "hub ");
        yield return Text("do.txt", "PG4021", "do" + "p_v1_" + R(Hex, 64), "doctl auth init -t ");
        yield return Text("sendgrid.txt", "PG4022", "S" + "G." + R(Alnum, 22) + "." + R(Alnum, 43), "mail ");
        yield return Text("shopify.txt", "PG4023", "shp" + "at_" + R(Hex, 32), "shop ");
        yield return Text("vault.txt", "PG4024", "hv" + "s." + R(Alnum, 90), "VAULT ");
        yield return Text("twilio.txt", "PG4025", "S" + "K" + "a1" + R(Hex, 30), "twilio ");
        var jwt = B64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64Url("{\"sub\":\"" + R(Alnum, 12) + "\",\"iat\":1700000000}") + "." + R(Alnum + "_-", 43);
        yield return Text("jwt.txt", "PG4026", jwt, "Authorization: Bearer ");
        var rsaBody = "MIIE" + R(Base64, 60) + "\n" + R(Base64, 64) + "\n" + R(Base64, 20);
        yield return Text("keys/server.pem", "PG4027", rsaBody, "-----BEGIN " + "RSA PRIVATE KEY-----\n", "\n-----END RSA PRIVATE KEY-----\n");
        var sshBody = "b3Bl" + R(Base64, 60) + "\n" + R(Base64, 40);
        yield return Text("keys/deploy_key", "PG4027", sshBody, "-----BEGIN " + "OPENSSH PRIVATE KEY-----\n", "\n-----END OPENSSH PRIVATE KEY-----\n");
        yield return new CorpusFile("certs/app.pfx", [0x30, 0x82, 0x0A, 0x00, 0x02, 0x01, 0x03, 0x00, 0x00, .. Encoding.ASCII.GetBytes(R(Alnum, 64))], "PG4028", null);
        yield return Text("db.txt", "PG4029", "Pg7" + R(Alnum, 13), "connect postgres://app:", "@db.internal:5432/app\n");
        yield return Text("config/app.yaml", "PG4030", "Zt4!" + R(Alnum, 14), "database:\n  password: ", "\n");
        yield return Text("config/app.properties", "PG4030", "Cs9" + R(Alnum, 21), "spring.security.oauth2.client.registration.app.client-secret=");
        yield return new CorpusFile("service/.env", Encoding.UTF8.GetBytes("APP_MODE=production\nLOG_LEVEL=info\n"), "PG4031", null);
        yield return new CorpusFile("home/.ssh/id_ed25519", Encoding.UTF8.GetBytes("-----BEGIN " + "OPENSSH PRIVATE KEY-----\n" + R(Base64, 70) + "\n-----END OPENSSH PRIVATE KEY-----\n"), "PG4032", null);
        yield return new CorpusFile("sign/key.snk", [0x07, 0x02, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, (byte)'R', (byte)'S', (byte)'A', (byte)'2', 0x00, 0x04, 0x00, 0x00, .. Encoding.ASCII.GetBytes(R(Alnum, 64))], "PG4033", null);
        yield return Text("npm/.npmrc", "PG4034", R(Hex, 8) + "-" + R(Hex, 4) + "-" + R(Hex, 4) + "-" + R(Hex, 4) + "-" + R(Hex, 12), "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_auth" + "Token=");
        yield return Text("py/.pypirc", "PG4035", "Qw3" + R(Alnum, 15), "[pypi]\nusername = deploy\npassword = ");
        yield return Text("home/.git-credentials", "PG4036", "Gc5" + R(Alnum, 13), "https://deploy:", "@git.example.com\n");
        yield return Text("home/.docker/config.json", "PG4037", Convert.ToBase64String(Encoding.ASCII.GetBytes("deploy:" + R(Alnum, 16))), "{\n  \"auths\": {\n    \"registry.example.com\": {\n      \"auth\": \"", "\"\n    }\n  }\n}\n");
        yield return new CorpusFile("UserSecrets/4f8a/secrets.json", Encoding.UTF8.GetBytes("{\n  \"Smtp:Host\": \"mail.internal\"\n}\n"), "PG4038", null);
        yield return Text("Properties/app.publishsettings", "PG4039", "Ps2" + R(Alnum, 29), "<publishData><publishProfile profileName=\"app\" userName=\"$app\" userPWD=\"", "\" /></publishData>\n");
        yield return Text("web/appsettings.Development.json", "PG4040", "Db8" + R(Alnum, 13), "{\n  \"ConnectionStrings\": {\n    \"Default\": \"Server=db;Database=app;User Id=sa;Password=", ";TrustServerCertificate=true\"\n  }\n}\n");
    }

    private static IEnumerable<CorpusFile> Decoys()
    {
        var seed = 900;
        string R(string alphabet, int length) => Random(alphabet, length, seed++);
        CorpusFile Clean(string name, string text) => new(name, Encoding.UTF8.GetBytes(text), null, null);

        yield return Clean("decoys/hashes.txt", string.Join('\n', Enumerable.Range(0, 50).Select(_ => R(Hex, 64))) + "\n");
        yield return Clean("decoys/ids.txt", string.Join('\n', Enumerable.Range(0, 50).Select(i => new Guid(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))[..16]).ToString())) + "\n");
        yield return Clean("decoys/package-lock.json", "{\n  \"packages\": {\n" + string.Join(",\n", Enumerable.Range(0, 30).Select(i =>
            $"    \"node_modules/pkg{i}\": {{ \"version\": \"1.0.{i}\", \"resolved\": \"https://registry.npmjs.org/pkg{i}/-/pkg{i}-1.0.{i}.tgz\", \"integrity\": \"sha512-{R(Base64, 86)}==\" }}")) + "\n  }\n}\n");
        var image = new byte[48 * 1024];
        new Random(seed++).NextBytes(image);
        yield return Clean("decoys/logo.png.b64", Convert.ToBase64String(image, Base64FormattingOptions.InsertLineBreaks) + "\n");
        yield return Clean("decoys/settings.properties", "PASSWORD_MIN_LENGTH=12\nTOKEN_TTL_SECONDS=3600\nSECRET_NAME=app-secret\nAPI_KEY_HEADER=X-Api-Key\nPASSWORD_REQUIRED=true\npasswordHasher=PasswordHasher\n");
        yield return Clean("decoys/.env.example", "DB_PASSWORD=changeme\nAPI_TOKEN=your-token-here\n");
        yield return Clean("decoys/id_rsa.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA" + R(Base64, 43) + " deploy@build\n");
        yield return new CorpusFile("decoys/public.snk", [0x00, 0x24, 0x00, 0x00, 0x04, 0x80, 0x00, 0x00, 0x94, 0x00, 0x00, 0x00, 0x06, 0x02, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, (byte)'R', (byte)'S', (byte)'A', (byte)'1', .. Encoding.ASCII.GetBytes(R(Alnum, 64))], null, null);
        yield return Clean("decoys/web.config", "<add name=\"Session\" type=\"System.Web.SessionState.SessionStateModule, System.Web, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a\" />\n");
        yield return Clean("decoys/appsettings.json", "{\n  \"ConnectionStrings\": {\n    \"Default\": \"Server=db;Database=app;Integrated Security=true\"\n  },\n  \"Jwt\": { \"Issuer\": \"app\", \"KeyVaultSecretName\": \"jwt-signing\" }\n}\n");
        yield return Clean("decoys/values.yaml", "database:\n  password: ${DB_PASSWORD}\n  token: \"{{ .Values.token }}\"\n  passwordFile: /run/secrets/db\napi_key: !vault secret/api\n");
        yield return Clean("decoys/lookalikes.txt", "gh" + "p_" + R(Alnum, 36) + "\n" + "np" + "m_" + R(Alnum, 36) + "\nAK" + "IAEXAMPLE\nsk-" + "proj\nhf_short\nSKIP_TESTS_FOR_THIS_BUILD\n");
        yield return Clean("decoys/Program.cs", "var password = GetPassword();\nif (token == null) { throw new InvalidOperationException(); }\nvar secretKey = configuration[\"Jwt:Key\"];\nconst string TokenHeader = \"Authorization\";\n");
        yield return Clean("decoys/urls.txt", "https://user@example.com/repo.git\nhttps://example.com:8443/path\npostgres://app:${DB_PASSWORD}@db/app\n");
        yield return Clean("decoys/README.md", "Set `API_TOKEN` in the CI settings. The token lifetime is 3600 seconds. The password policy needs 12 characters.\n");
    }

    private static string B64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
