using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Server.Tests;

/// <summary>The OpenAPI document describes every mapped route: summary, success response with its body, problem details for errors.</summary>
public sealed class OpenApiTests(BourseServer server) : IClassFixture<BourseServer>
{
    /// <summary>Methods an OpenAPI path item can describe (CONNECT, used by WebSockets over HTTP/2, is not one).</summary>
    private static readonly string[] DescribableMethods = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"];

    /// <summary>Routes whose own errors are their dialect's JSON: Alpaca's {code, message}, UDF's {s: "error", errmsg}.</summary>
    private static readonly string[] JsonErrorPrefixes = ["/v2/", "/v1beta3/", "/api/v1/datafeed/"];

    [Fact]
    public async Task Every_mapped_route_is_in_the_openapi_document_with_a_summary_and_its_responses()
    {
        var document = await BourseServer.ReadJsonAsync(await server.CreateClient().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsDocumentationRoute(e.RoutePattern.RawText ?? ""))
            .Where(e => e.Metadata.GetMetadata<global::Grpc.AspNetCore.Server.GrpcMethodMetadata>() is null) // gRPC: described by protos/bourse/v1
            .ToList();
        Assert.NotEmpty(routes);

        var failures = new List<string>();
        foreach (var endpoint in routes)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            path = path.Length > 1 ? path.TrimEnd('/') : path;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            if (methods.Count == 0)
            {
                failures.Add($"{path}: no HTTP method");
            }

            foreach (var method in methods.Intersect(DescribableMethods))
            {
                var where = $"{method} {path}";
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    failures.Add($"{where}: missing from the document");
                    continue;
                }

                if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    failures.Add($"{where}: no summary");
                }

                if (!operation.TryGetProperty("operationId", out _))
                {
                    failures.Add($"{where}: no operationId (name)");
                }

                var responses = operation.GetProperty("responses").EnumerateObject().ToList();
                var success = responses.Where(r => r.Name.StartsWith('2') || r.Name == "101").ToList();
                if (success.Count == 0)
                {
                    failures.Add($"{where}: no success response");
                }

                if (success.Any(r => r.Name.StartsWith('2') && r.Name != "204" && !(r.Value.TryGetProperty("content", out var body) && body.TryGetProperty("application/json", out _))))
                {
                    failures.Add($"{where}: a success response has no application/json body type");
                }

                var takesInput = operation.TryGetProperty("parameters", out _) || operation.TryGetProperty("requestBody", out _);
                var errors = responses.Where(r => r.Name.StartsWith('4') || r.Name.StartsWith('5')).ToList();
                if (takesInput && !errors.Any(r => r.Name == "400"))
                {
                    failures.Add($"{where}: takes input but documents no 400");
                }

                var dialect = JsonErrorPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));
                foreach (var error in errors.Where(e => e.Name != "503"))
                {
                    var errorType = dialect && !(error.Name == "401" && path.StartsWith("/api/", StringComparison.Ordinal)) ? "application/json" : "application/problem+json"; // the datafeed's 401 is the framework's problem
                    if (!error.Value.TryGetProperty("content", out var content) || !content.TryGetProperty(errorType, out _))
                    {
                        failures.Add($"{where}: {error.Name} is not documented as {errorType}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The routes serving the API description itself (the OpenAPI document, the Scalar page and its assets).</summary>
    /// <summary>The API descriptions (OpenAPI, AsyncAPI), the Scalar page, and the Prometheus exposition (text format, not a JSON API route).</summary>
    private static bool IsDocumentationRoute(string pattern) =>
        pattern.TrimStart('/').StartsWith("openapi/", StringComparison.Ordinal) || pattern.TrimStart('/').StartsWith("scalar", StringComparison.Ordinal)
        || pattern.TrimStart('/') is "metrics" or "asyncapi.json";
}
