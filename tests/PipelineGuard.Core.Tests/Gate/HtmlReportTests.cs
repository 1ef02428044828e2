using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

/// <summary>The HTML report opened in a real headless Chromium: the script runs without errors and a screenshot is taken.</summary>
public sealed class HtmlReportTests
{
    private static string[] ChromiumFlags(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", $"--user-data-dir={profile}",
        "--enable-logging=stderr", "--v=0",
    ];

    [Fact]
    public void The_report_is_self_contained()
    {
        var html = HtmlReportWriter.Write(GateResults.Sample());
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Contains("data-verdict=\"fail\"", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"bars\" id=\"sbom-licence\">", html, StringComparison.Ordinal);
        Assert.Contains("signature verified with keys/base.pub", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_opens_in_headless_chromium_with_no_script_errors_and_renders_a_screenshot()
    {
        var chromium = ProcessRunner.Require("chromium", "install the Debian package chromium (the Test target's prerequisites do)");
        var dir = RepositoryPaths.NewTempDirectory("html");
        var page = Path.Combine(dir, "pipelineguard.html");
        await File.WriteAllTextAsync(page, HtmlReportWriter.Write(GateResults.Sample()));
        var url = new Uri(page).AbsoluteUri;

        var dom = await ProcessRunner.RunAsync(chromium, [.. ChromiumFlags(Path.Combine(dir, "profile-dom")), "--dump-dom", url], dir, timeout: TimeSpan.FromMinutes(2));
        Assert.True(dom.ExitCode == 0, dom.ToString());
        Assert.Contains("data-report-ready=\"true\"", dom.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("✗ Gate failed", dom.StandardOutput, StringComparison.Ordinal);
        var console = dom.StandardError.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)).ToList();
        Assert.True(console.Count == 0, string.Join("\n", console));

        var screenshot = Path.Combine(dir, "report.png");
        var shot = await ProcessRunner.RunAsync(chromium, [.. ChromiumFlags(Path.Combine(dir, "profile-shot")), $"--screenshot={screenshot}", "--window-size=1200,1400", "--hide-scrollbars", url], dir, timeout: TimeSpan.FromMinutes(2));
        Assert.True(shot.ExitCode == 0, shot.ToString());
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 10_000, $"screenshot is only {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Skip(100).Distinct().Count() > 50, "the screenshot looks blank");
    }
}
