using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Streaming;

/// <summary>Maps the WebSocket endpoint <c>/ws</c>.</summary>
public static class StreamingApi
{
    /// <summary>
    /// <c>GET /ws</c> (WebSocket upgrade; 400 problem otherwise). The client authenticates with the upgrade
    /// (<c>Authorization</c> header, API key headers, or <c>?access_token=</c> with a JWT or an API key) or with its first
    /// message <c>{"action":"auth","token":"…"}</c>; an upgrade with an invalid credential is a 401. The HTTP endpoint itself
    /// allows anonymous upgrades for that first-message path: nothing but <c>auth</c> is served before authentication.
    /// Then the client subscribes to topics with <c>{"action":"{route}.subscribe","params":{…}}</c> (see <see cref="TopicKeys"/>)
    /// and receives <c>{route}.update</c> messages (see <see cref="StreamMessage"/>); run routes deliver the caller's runs only (an admin: all).
    /// </summary>
    public static IEndpointRouteBuilder MapStreamingApi(this IEndpointRouteBuilder endpoints)
    {
        // GET for HTTP/1.1 upgrades, CONNECT for WebSockets over HTTP/2 (RFC 8441).
        endpoints.MapMethods("/ws", [HttpMethods.Get, HttpMethods.Connect], Serve)
            .WithName("WebSocketStream")
            .WithTags("Streaming")
            .WithSummary("WebSocket topics: bars, quotes, orders, positions, executions, equity, runs")
            .WithDescription("Authenticate with ?access_token= (a JWT or an API key bk_….secret), the usual headers, or the first message {\"action\":\"auth\",\"token\":\"…\"} "
                + "(within Streaming:AuthTimeout). Then send {\"action\":\"{route}.subscribe\",\"params\":{…}} or {route}.unsubscribe; each is answered by {type, status, message, topic}; "
                + "updates are {type: \"{route}.update\", topic, event, payload, ts}. Run routes deliver the caller's own runs (an admin: all). "
                + "A client more than Streaming:ClientQueueCapacity messages behind is closed (1008 slow consumer); the server pings every Streaming:KeepAliveInterval.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static async Task<IResult> Serve(HttpContext context, StreamHub hub, IOptions<StreamingOptions> options, IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(detail: "Connect with a WebSocket client (Upgrade: websocket).", statusCode: StatusCodes.Status400BadRequest, title: "Not a WebSocket request.");
        }

        // A credential was presented with the upgrade but did not authenticate: refuse rather than wait for a first message.
        var user = CurrentUser.From(context.User);
        if (user is null && (AuthSetup.BearerOrQueryToken(context.Request) is not null || context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.KeyIdHeader)))
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Not signed in.", "The access token or API key of the upgrade is invalid, expired or revoked.");
        }

        var o = options.Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = o.KeepAliveInterval,
            KeepAliveTimeout = o.KeepAliveTimeout,
        });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        await hub.ServeAsync(socket, user, linked.Token);
        return TypedResults.Empty;
    }
}
