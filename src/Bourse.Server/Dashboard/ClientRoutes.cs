namespace Bourse.Server.Dashboard;

/// <summary>
/// The dashboard's client routes (<c>/</c>, <c>/runs/abc</c>): paths whose first segment is none of the server's API
/// prefixes and whose last segment has no file extension. An API path (<c>/api/unknown</c>) or a missing file
/// (<c>/assets/gone.js</c>) therefore never falls back to <c>index.html</c> and keeps its 401/404.
/// </summary>
public static class ClientRoutes
{
    /// <summary>First path segments that belong to the APIs (REST, Alpaca, WebSockets, documents, probes).</summary>
    public static readonly IReadOnlySet<string> ApiPrefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "api", "v2", "v1beta3", "ws", "stream", "openapi", "scalar", "health", "metrics", "asyncapi.json",
    };

    /// <summary>True for <c>/</c> and <c>/runs/abc</c>; false for <c>/api/x</c> and <c>/assets/index.js</c>.</summary>
    public static bool Contains(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 || (!ApiPrefixes.Contains(segments[0]) && !segments[^1].Contains('.', StringComparison.Ordinal));
    }
}
