using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bourse.Server.Tests;

/// <summary>
/// Fuzzes every operation of the OpenAPI document: malformed JSON, a wrong type, a huge, negative or unknown-enum value
/// and a missing field for each body property; odd values for each route and query parameter. No answer may be a 5xx,
/// and every error must be a problem details body (Alpaca's <c>{code, message}</c> on its routes: <see cref="ErrorBodies"/>).
/// </summary>
public sealed class FuzzTests(BourseServer server) : IClassFixture<BourseServer>
{
    private static readonly string[] MalformedBodies = ["", "{", "not json", "[]", "null", "\"text\"", "42", "{\"a\":}", "{\"a\":1,}", "\u0000\u0001", new string('[', 5000)];

    private static readonly string[] OddValues = ["-1", "0", "abc", "99999999999999999999999999999999", "1e400", "-9223372036854775809", "%00", "00000000-0000-0000-0000-000000000000", new string('x', 3000)];

    private static readonly JsonNode?[] OddJsonValues =
    [
        null, true, 123, -1, -1e20, 0, 1e300, "not_a_known_value", "", new string('y', 10_000), new JsonArray(), new JsonObject(),
        JsonNode.Parse("99999999999999999999999999999999999999"), JsonNode.Parse("1e400"), JsonNode.Parse("-79228162514264337593543950336"),
    ];

    [Fact]
    public async Task No_malformed_request_gets_a_5xx_and_every_error_is_a_problem_details_body()
    {
        var client = server.CreateClient();
        var document = await BourseServer.ReadJsonAsync(await client.GetAsync("/openapi/v1.json"));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var failures = new List<string>();
        var sent = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name != "/ws"))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                foreach (var (url, body, contentType) in Cases(path.Name, parameters, operation.Value, schemas))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    if (body is not null)
                    {
                        request.Content = new StringContent(body, Encoding.UTF8);
                        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
                    }

                    var response = await client.SendAsync(request);
                    sent++;
                    var where = $"{method} {url} {Shorten(body)}";
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{where}: {(int)response.StatusCode}");
                    }
                    else if ((int)response.StatusCode >= 400 && !await ErrorBodies.IsErrorBodyAsync(response, path.Name))
                    {
                        failures.Add($"{where}: {(int)response.StatusCode} without a problem details body (or its dialect's error body: ErrorBodies)");
                    }
                }
            }
        }

        Assert.True(sent > 300, $"only {sent} requests were generated");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(50)));
    }

    private static IEnumerable<(string Url, string? Body, string ContentType)> Cases(string template, List<JsonElement> parameters, JsonElement operation, JsonElement schemas)
    {
        var route = parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList();
        var query = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
        var validPath = route.Aggregate(template, (t, name) => t.Replace($"{{{name}}}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        var schema = operation.TryGetProperty("requestBody", out var requestBody) && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
            ? Resolve(json.GetProperty("schema"), schemas)
            : (JsonElement?)null;
        var baseBody = schema is { } s ? Sample(s, schemas) : null;

        foreach (var name in route)
        {
            foreach (var value in OddValues)
            {
                var url = route.Aggregate(template, (t, n) => t.Replace($"{{{n}}}", n == name ? Uri.EscapeDataString(value) : Guid.NewGuid().ToString(), StringComparison.Ordinal));
                yield return (url, baseBody?.ToJsonString(), "application/json");
            }
        }

        foreach (var name in query)
        {
            foreach (var value in OddValues)
            {
                yield return ($"{validPath}?{name}={Uri.EscapeDataString(value)}", baseBody?.ToJsonString(), "application/json");
            }
        }

        if (operation.TryGetProperty("requestBody", out var anyBody))
        {
            foreach (var malformed in MalformedBodies)
            {
                yield return (validPath, malformed, "application/json");
            }

            yield return (validPath, "plugin=x", "application/x-www-form-urlencoded");
            yield return (validPath, "--b\r\nContent-Disposition: form-data; name=\"plugin\"; filename=\"a.cs\"\r\n\r\nclass {", "multipart/form-data; boundary=b");
            yield return (validPath, "--b\r\ngarbage", "multipart/form-data; boundary=b");
            if (anyBody.GetProperty("content").TryGetProperty("multipart/form-data", out _))
            {
                yield break;
            }
        }

        if (baseBody is not JsonObject body)
        {
            yield break;
        }

        foreach (var (name, _) in body.ToList())
        {
            var without = (JsonObject)body.DeepClone();
            without.Remove(name);
            yield return (validPath, without.ToJsonString(), "application/json");
            foreach (var odd in OddJsonValues)
            {
                var changed = (JsonObject)body.DeepClone();
                changed[name] = odd?.DeepClone();
                yield return (validPath, changed.ToJsonString(), "application/json");
            }
        }

        // One level down (risk.max_positions...).
        foreach (var (name, value) in body.Where(p => p.Value is JsonObject { Count: > 0 }).ToList())
        {
            foreach (var (inner, _) in ((JsonObject)value!).ToList())
            {
                foreach (var odd in OddJsonValues)
                {
                    var changed = (JsonObject)body.DeepClone();
                    changed[name]![inner] = odd?.DeepClone();
                    yield return (validPath, changed.ToJsonString(), "application/json");
                }
            }
        }
    }

    /// <summary>A plausible value for a schema: every property present, each of its own type.</summary>
    private static JsonNode? Sample(JsonElement schema, JsonElement schemas, int depth = 0)
    {
        schema = Resolve(schema, schemas);
        if (depth > 3)
        {
            return null;
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            var result = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                result[property.Name] = Sample(property.Value, schemas, depth + 1);
            }

            return result;
        }

        return (TypeOf(schema), schema.TryGetProperty("format", out var f) ? f.GetString() : null) switch
        {
            ("string", "uuid") => Guid.NewGuid().ToString(),
            ("string", "date-time") => "2026-01-01T00:00:00Z",
            ("string", _) => "x",
            ("integer", _) => 1,
            ("number", _) => 1.5,
            ("boolean", _) => true,
            ("array", _) => new JsonArray(),
            _ => new JsonObject(),
        };
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema;
    }

    private static string Shorten(string? body) => body is null ? "" : body.Length > 120 ? body[..120] + "…" : body;
}
