using PipelineGuard.Secrets;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Secrets;
using Xunit;

namespace PipelineGuard.Core.Tests.Secrets;

/// <summary>Secrets in an image: config Env, Labels and history, and files in every layer, a file deleted by a later layer included.</summary>
public sealed class ImageSecretScanTests
{
    [Fact]
    public async Task A_dotenv_added_and_deleted_later_the_config_env_labels_and_history_are_all_found()
    {
        var password = "Lq2" + "layerPassw0rd";
        var envToken = PlantedSecrets.GitHubToken(41);
        var npmToken = PlantedSecrets.ChecksummedToken("np" + "m_", 42);
        var webhook = "https://hooks.sl" + "ack.com/services/T" + PlantedSecrets.Random("ABCDEFGH0123456789", 8, 43) + "/B" + PlantedSecrets.Random("ABCDEFGH0123456789", 8, 44) + "/" + PlantedSecrets.Random("abcdefghijklmnopqrstuvwxyz0123456789", 24, 45);
        var folder = Directory.CreateTempSubdirectory("pg-secrets-image-").FullName;
        try
        {
            var image = new OciLayoutBuilder()
                .AddLayer(LayerEntry.Directory("app/"), LayerEntry.File("app/.env", $"DB_PASSWORD={password}\n"), LayerEntry.File("app/run.sh", "#!/bin/sh\nexec dotnet App.dll\n"))
                .AddLayer(LayerEntry.Whiteout("app/.env"), LayerEntry.File("app/App.dll", "\0\0binary with " + PlantedSecrets.GitHubToken(46)))
                .WithEnv("PATH=/usr/bin")
                .WithEnv("GITHUB_TOKEN=" + envToken)
                .WithLabel("notify", webhook)
                .WithHistory("COPY app/ /app/ # buildkit")
                .WithHistory($"RUN |1 NPM_TOKEN={npmToken} /bin/sh -c rm /app/.env # buildkit")
                .Write(Path.Combine(folder, "layout"), "app");

            var result = await ImageSecretScanner.ScanAsync(image.Reference);
            var summary = string.Join("; ", result.Findings.Select(f => $"{f.RuleId} {f.Path} {f.Evidence}"));
            var dotenv = Assert.Single(result.Findings, f => f.Path == "/app/.env");
            Assert.Equal("PG4031", dotenv.RuleId);
            Assert.Contains($"layer 1 {image.Layers[0].Digest} created by `COPY app/ /app/ # buildkit`", dotenv.Evidence, StringComparison.Ordinal);
            Assert.EndsWith("deleted by layer 2, but still shipped in layer 1", dotenv.Evidence, StringComparison.Ordinal);
            Assert.Equal("PG4003", Assert.Single(result.Findings, f => f.Path == "config Env[1] GITHUB_TOKEN").RuleId);
            Assert.Equal("PG4007", Assert.Single(result.Findings, f => f.Path == "config Labels notify").RuleId);
            Assert.Equal("PG4009", Assert.Single(result.Findings, f => f.Path == "config history[1]").RuleId);
            Assert.True(result.Findings.Count == 4, summary);
            Assert.False(result.Incomplete);

            foreach (var format in Enum.GetValues<SecretReportFormat>())
            {
                var report = SecretReportWriter.Write(result, format);
                foreach (var secret in new[] { password, envToken, npmToken, webhook })
                {
                    Assert.DoesNotContain(secret[4..], report, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_corrupt_layer_or_a_missing_image_fails_with_a_message_naming_it()
    {
        var folder = Directory.CreateTempSubdirectory("pg-secrets-image-").FullName;
        try
        {
            var image = new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/app.conf", "x=1\n")).Write(Path.Combine(folder, "layout"), "app");
            var blob = Path.Combine(folder, "layout", "blobs", "sha256", image.Layers[0].Digest["sha256:".Length..]);
            var bytes = await File.ReadAllBytesAsync(blob);
            bytes[^10] ^= 0xFF;
            await File.WriteAllBytesAsync(blob, bytes);
            var corrupt = await Assert.ThrowsAsync<SecretScanException>(() => ImageSecretScanner.ScanAsync(image.Reference));
            Assert.Contains(image.Layers[0].Digest["sha256:".Length..][..12], corrupt.Message, StringComparison.Ordinal);
            var missing = await Assert.ThrowsAsync<SecretScanException>(() => ImageSecretScanner.ScanAsync($"oci:{Path.Combine(folder, "layout")}:nope"));
            Assert.Contains("nope", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
