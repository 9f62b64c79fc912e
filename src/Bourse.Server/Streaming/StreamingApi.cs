using Bourse.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Streaming;

/// <summary>Maps the WebSocket endpoint <c>/ws</c>.</summary>
public static class StreamingApi
{
    /// <summary>
    /// <c>GET /ws</c> (WebSocket upgrade; 400 problem otherwise). Run events stream from the moment of connection;
    /// send <c>{"action":"subscribe","topics":["bars:BTCUSD.COINBASE"]}</c> for bars.
    /// </summary>
    public static IEndpointRouteBuilder MapStreamingApi(this IEndpointRouteBuilder endpoints)
    {
        // GET for HTTP/1.1 upgrades, CONNECT for WebSockets over HTTP/2 (RFC 8441).
        endpoints.MapMethods("/ws", [HttpMethods.Get, HttpMethods.Connect], Serve)
            .WithName("WebSocketStream")
            .WithTags("Streaming")
            .WithSummary("WebSocket stream of run events and bars")
            .WithDescription("Messages are {type, data, ts}. Slow clients lose their oldest queued messages (bounded per-client queue).")
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> Serve(HttpContext context, StreamHub hub, IOptions<StreamingOptions> options, IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(detail: "Connect with a WebSocket client (Upgrade: websocket).", statusCode: StatusCodes.Status400BadRequest, title: "Not a WebSocket request.");
        }

        var o = options.Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = o.KeepAliveInterval,
            KeepAliveTimeout = o.KeepAliveTimeout,
        });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        await hub.ServeAsync(socket, linked.Token);
        return TypedResults.Empty;
    }
}
