using System.Text.Json;
using Bourse.Testing.Node;

namespace Bourse.Server.Tests.Contracts;

/// <summary>
/// The live OpenAPI document (<c>/openapi/v1.json</c> of a running server, so every endpoint on main is in it) passes
/// Redocly's linter (<c>@redocly/cli</c> pinned in tests/contracts/package-lock.json) with tests/contracts/redocly.yaml: no
/// error and no warning.
/// </summary>
public sealed class OpenApiLintTests(BourseServer server) : IClassFixture<BourseServer>
{
    [Fact]
    public async Task The_live_openapi_document_passes_redocly_lint_without_errors_or_warnings()
    {
        var document = Path.Combine(server.Folder, "openapi.json");
        await File.WriteAllTextAsync(document, await server.CreateClient().GetStringAsync("/openapi/v1.json"));

        var result = await NpmProject.At("tests/contracts").RunAsync(
            "node_modules/@redocly/cli/bin/cli.js",
            ["lint", "--config", "redocly.yaml", "--format", "json", document],
            new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });

        var json = result.StandardOutput[result.StandardOutput.IndexOf('{', StringComparison.Ordinal)..];
        var report = JsonDocument.Parse(json).RootElement;
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at "
                + string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString())))
            .ToList();
        Assert.True(problems.Count == 0 && result.ExitCode == 0, $"{problems.Count} problem(s):\n{string.Join("\n", problems)}\n{result.StandardError}");
    }
}
