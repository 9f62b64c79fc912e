namespace Bourse.Server.Dashboard;

/// <summary>
/// Matches the dashboard's client routes (<c>/</c>, <c>/runs/abc</c>): paths whose first segment is none of the server's
/// API prefixes and whose last segment has no file extension. An API path (<c>/api/unknown</c>) or a missing file
/// (<c>/assets/gone.js</c>) therefore never falls back to <c>index.html</c> and keeps its 401/404.
/// </summary>
public sealed class ClientRouteConstraint : IRouteConstraint
{
    /// <summary>First path segments that belong to the APIs (REST, Alpaca, WebSockets, documents, probes).</summary>
    public static readonly IReadOnlySet<string> ApiPrefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "api", "v2", "v1beta3", "ws", "stream", "openapi", "scalar", "health", "metrics", "asyncapi.json",
    };

    /// <summary>True when the route value <paramref name="routeKey"/> (the catch-all path, without its leading slash) is a client route.</summary>
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        IsClientRoute(values.TryGetValue(routeKey, out var value) ? value as string : null);

    /// <summary>True for <c>""</c>, <c>runs/abc</c>; false for <c>api/x</c>, <c>assets/index.js</c>.</summary>
    public static bool IsClientRoute(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 || (!ApiPrefixes.Contains(segments[0]) && !segments[^1].Contains('.', StringComparison.Ordinal));
    }
}
