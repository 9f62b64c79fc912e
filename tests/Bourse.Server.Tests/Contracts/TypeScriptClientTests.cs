using Bourse.Testing;
using Bourse.Testing.Node;

namespace Bourse.Server.Tests.Contracts;

/// <summary>
/// The dashboard's TypeScript client in <c>web/src/api/</c> is what <c>tools/ts-client/generate.mjs</c> (pinned
/// <c>@hey-api/openapi-ts</c>) makes of the live <c>/openapi/v1.json</c>: a fresh generation type-checks with
/// <c>tsc --noEmit</c> (strict, tools/ts-client/tsconfig.json) and equals the committed files, so an endpoint change
/// without a regenerated client fails here.
/// </summary>
public sealed class TypeScriptClientTests(BourseServer server) : IClassFixture<BourseServer>
{
    private const string CommittedClient = "web/src/api";

    [Fact]
    public async Task The_committed_client_is_the_type_checked_generation_of_the_live_openapi_document()
    {
        var document = Path.Combine(server.Folder, "openapi.json");
        await File.WriteAllTextAsync(document, await server.CreateClient().GetStringAsync("/openapi/v1.json"));
        var generated = Path.Combine(server.Folder, "ts-client", "api");
        var generator = NpmProject.At("tools/ts-client");

        var generation = await generator.RunAsync("generate.mjs", [document, generated]);
        Assert.True(generation.ExitCode == 0, generation.ToString());
        var tsconfig = Path.Combine(server.Folder, "ts-client", "tsconfig.json");
        await File.WriteAllTextAsync(tsconfig, $$"""{ "extends": "{{Path.Combine(generator.Folder, "tsconfig.json")}}", "include": ["api/**/*.ts"] }""");
        var typeCheck = await generator.RunAsync("node_modules/typescript/bin/tsc", ["-p", tsconfig]);
        Assert.True(typeCheck.ExitCode == 0, typeCheck.ToString());

        var committed = Path.Combine(RepositoryPaths.RepositoryRoot, CommittedClient);
        var stale = Files(generated).Union(Files(committed))
            .Where(file => Read(generated, file) != Read(committed, file))
            .ToList();
        Assert.True(stale.Count == 0,
            $"{CommittedClient}/ is stale ({string.Join(", ", stale)} differ from the live OpenAPI document's client): run the server, `(cd tools/ts-client && npm ci)` and "
            + $"`node tools/ts-client/generate.mjs http://localhost:8081/openapi/v1.json {CommittedClient}`, then commit {CommittedClient}/.");
    }

    private static IEnumerable<string> Files(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
        : [];

    private static string? Read(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
    }
}
