using System.Text.Json;
using Bourse.Server.Streaming;
using Bourse.Testing.Node;
using Xunit.Abstractions;

namespace Bourse.Server.Tests.Contracts;

/// <summary>
/// The AsyncAPI 3 document the server serves at <c>/asyncapi.json</c>: valid for <c>@asyncapi/parser</c> (pinned in
/// tests/contracts/package-lock.json; warnings are written to the test output), and complete: every action <c>/ws</c> and
/// <c>/ws/v2</c> accept and every event they publish is in it.
/// </summary>
public sealed class AsyncApiTests(BourseServer server, ITestOutputHelper output) : IClassFixture<BourseServer>
{
    [Fact]
    public async Task The_served_document_parses_without_errors()
    {
        var document = Path.Combine(server.Folder, "asyncapi.json");
        var response = await server.CreateAnonymousClient().GetAsync("/asyncapi.json");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await File.WriteAllBytesAsync(document, await response.Content.ReadAsByteArrayAsync());

        var result = await NpmProject.At("tests/contracts").RunAsync("validate-asyncapi.mjs", [document]);

        var report = JsonDocument.Parse(result.StandardOutput).RootElement;
        var warnings = report.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        output.WriteLine($"{warnings.Count} warning(s){(warnings.Count == 0 ? "" : ":\n" + string.Join("\n", warnings))}");
        Assert.True(result.ExitCode == 0 && report.GetProperty("errors").GetArrayLength() == 0, result.ToString());
        Assert.Contains("ws.auth", report.GetProperty("operations").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task Every_action_the_streams_accept_and_every_event_they_publish_is_documented()
    {
        var document = await BourseServer.ReadJsonAsync(await server.CreateAnonymousClient().GetAsync("/asyncapi.json"));
        Assert.Equal("3.0.0", document.GetProperty("asyncapi").GetString());
        var operations = document.GetProperty("operations");
        var channels = document.GetProperty("channels");
        Assert.Equal(["/ws", "/ws/v2", "/v2/stream"], channels.EnumerateObject().Select(c => c.Value.GetProperty("address").GetString()));

        // The server's action table: auth, then {route}.{verb} for every route and verb (StreamClient, TopicKeys).
        var actions = TopicKeys.Routes.SelectMany(route => TopicKeys.Verbs.Select(verb => $"{route}.{verb}")).Prepend("auth");
        var missing = actions.Where(action => !(operations.TryGetProperty("ws." + action, out var operation)
            && operation.GetProperty("action").GetString() == "receive"
            && operation.GetProperty("channel").GetProperty("$ref").GetString() == "#/channels/stream")).ToList();
        Assert.True(missing.Count == 0, "actions missing from /asyncapi.json: " + string.Join(", ", missing));
        Assert.All(TopicKeys.Routes, route => Assert.True(operations.TryGetProperty($"ws.{route}.update", out _), $"no ws.{route}.update operation"));

        // Every event an update can carry (stream.proto's payload cases, one per event of RunEventMessages) is in an update's event enum.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var documented = schemas.EnumerateObject().Where(s => s.Name.EndsWith("Update", StringComparison.Ordinal))
            .SelectMany(s => s.Value.GetProperty("properties").GetProperty("event").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!))
            .Order().ToList();
        Assert.Equal(ProtobufPayloads.Events.Order(), documented);

        // /ws/v2 takes the same actions in ClientMessage; /v2/stream takes Alpaca's three.
        Assert.Equal("receive", operations.GetProperty("wsV2.receive").GetProperty("action").GetString());
        Assert.All(["authenticate", "auth", "listen"], action => Assert.Equal("receive", operations.GetProperty("alpaca." + action).GetProperty("action").GetString()));
    }
}
