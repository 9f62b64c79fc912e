namespace Bourse.Server.Streaming;

/// <summary>
/// Serves <c>GET /asyncapi.json</c>: the AsyncAPI 3 document of the WebSocket streams <c>/ws</c>, <c>/ws/v2</c> and
/// <c>/v2/stream</c> (Streaming/asyncapi.json, embedded in the assembly), open to anyone like the OpenAPI document.
/// Tests validate it with <c>@asyncapi/parser</c> and check it names every action the streams accept.
/// </summary>
public static class AsyncApiDocument
{
    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(AsyncApiDocument).Assembly.GetManifestResourceStream("asyncapi.json")
            ?? throw new InvalidOperationException("The embedded resource asyncapi.json is missing from the server assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>Maps <c>GET /asyncapi.json</c> (application/json; left out of the OpenAPI document, which describes HTTP only).</summary>
    public static IEndpointRouteBuilder MapAsyncApiDocument(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/asyncapi.json", () => TypedResults.Bytes(Content.Value, "application/json"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
