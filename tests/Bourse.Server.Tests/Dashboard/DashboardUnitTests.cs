using System.Text.Json;
using Bourse.Testing;
using Bourse.Testing.Node;

namespace Bourse.Server.Tests.Dashboard;

/// <summary>
/// The dashboard's own unit tests (Vitest, <c>web/src/**/*.test.ts(x)</c>: formatting, stream client, chart series,
/// comparisons, form checks...) run as part of the README's one test command: every suite passes and none is empty.
/// </summary>
public sealed class DashboardUnitTests
{
    [Fact]
    public async Task The_vitest_suites_of_the_dashboard_pass()
    {
        var report = Path.Combine(Path.GetTempPath(), $"bourse-vitest-{Guid.NewGuid():N}.json");
        try
        {
            var result = await NpmProject.At("web").RunAsync(
                "node_modules/vitest/vitest.mjs", ["run", "--reporter=json", $"--outputFile={report}"], timeout: TimeSpan.FromMinutes(4));

            Assert.True(result.ExitCode == 0, result.ToString());
            using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            var root = summary.RootElement;
            var suites = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.RepositoryRoot, "web", "src"), "*.test.ts*", SearchOption.AllDirectories).Count();
            Assert.Equal(suites, root.GetProperty("testResults").GetArrayLength()); // every test file ran
            Assert.True(root.GetProperty("numPassedTests").GetInt32() >= suites, result.ToString());
            Assert.Equal(0, root.GetProperty("numFailedTests").GetInt32());
        }
        finally
        {
            File.Delete(report);
        }
    }
}
