using System.Net;
using System.Net.Http.Json;
using Bourse.Testing;
using Bourse.Testing.Node;
using Xunit.Abstractions;

namespace Bourse.Server.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser: Playwright (<c>@playwright/test</c>, pinned in <c>tests/dashboard-e2e/package-lock.json</c>)
/// drives Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>CHROMIUM</c>; never a downloaded browser) through the specs in
/// <c>tests/dashboard-e2e/specs</c> against this server on a real socket, signed in as the first admin (API key) or as a
/// trader registered here with a password. The specs save a screenshot of each page in <c>artifacts/screenshots/</c> (under
/// the repository, gitignored), which this test checks and lists.
/// </summary>
public sealed class DashboardEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The screenshots the specs must produce (each spec adds the pages it covers).</summary>
    private static readonly string[] ExpectedScreenshots =
    [
        "sign-in", "sign-in-phone", "sign-in-error",
        "overview", "overview-phone", "overview-empty",
        "runs", "runs-phone", "run-view", "run-view-phone", "risk", "risk-phone", "risk-kill-confirmation",
        "backtest-form", "backtest-form-phone", "backtest-report", "backtest-report-phone", "backtest-compare", "backtest-compare-phone", "backtest-failed",
    ];

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private readonly BourseServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_dashboard_specs_pass_in_chromium_and_leave_a_screenshot_of_each_page()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is missing at {chromium}: install Debian's (apt-get install chromium; .ci/run does when root) or set CHROMIUM.");
        var address = _server.StartOnKestrel();
        using var admin = new HttpClient { BaseAddress = address };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _server.AdminKey);
        var registered = await admin.PostAsJsonAsync("/api/v1/auth/register", new { username = "e2e-trader", password = BourseServer.Password, role = "trader" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var screenshots = Path.Combine(RepositoryPaths.RepositoryRoot, "artifacts", "screenshots");
        if (Directory.Exists(screenshots))
        {
            Directory.Delete(screenshots, recursive: true);
        }

        var result = await NpmProject.At(Path.Combine("tests", "dashboard-e2e")).RunAsync(
            "node_modules/@playwright/test/cli.js", ["test"], new Dictionary<string, string>
            {
                ["BOURSE_URL"] = address.ToString().TrimEnd('/'),
                ["BOURSE_ADMIN_KEY"] = _server.AdminKey,
                ["BOURSE_USERNAME"] = "e2e-trader",
                ["BOURSE_PASSWORD"] = BourseServer.Password,
                ["BOURSE_SCREENSHOTS"] = screenshots,
                ["CHROMIUM"] = chromium,
                ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1",
                ["CI"] = "1",
            },
            TimeSpan.FromMinutes(5));

        output.WriteLine(result.StandardOutput);
        Assert.True(result.ExitCode == 0, result.ToString());
        var taken = Directory.Exists(screenshots)
            ? Directory.GetFiles(screenshots, "*.png").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()
            : [];
        output.WriteLine($"Screenshots in {screenshots}:");
        foreach (var name in taken)
        {
            output.WriteLine($"  {name}.png ({new FileInfo(Path.Combine(screenshots, $"{name}.png")).Length:N0} bytes)");
        }

        Assert.All(ExpectedScreenshots, name => Assert.Contains(name, taken));
        Assert.All(taken, name => Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(screenshots, $"{name}.png"))[..4]));
    }
}
