using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Bourse.Server.Auth;
using Bourse.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Streaming;

/// <summary>Maps the WebSocket endpoints <c>/ws</c> (JSON) and <c>/ws/v2</c> (protobuf, permessage-deflate).</summary>
public static class StreamingApi
{
    /// <summary>The GUID of RFC 6455 section 1.3 that the accept key is derived with.</summary>
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

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

        endpoints.MapMethods("/ws/v2", [HttpMethods.Get, HttpMethods.Connect], ServeProtobuf)
            .WithName("WebSocketStreamProtobuf")
            .WithTags("Streaming")
            .WithSummary("The /ws topics as binary Protocol Buffers messages, with permessage-deflate")
            .WithDescription("The same authentication, routes, topics, actions and events as /ws, one message of protos/bourse/stream/v1/stream.proto "
                + "per binary WebSocket message: the client sends bourse.stream.v1.ClientMessage {action, params, token}, the server sends "
                + "bourse.stream.v1.ServerMessage (a Reply to each client message, or an Update whose payload case is named like its event). "
                + "The server accepts the permessage-deflate extension (RFC 7692) when the client offers it.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static Task<IResult> Serve(HttpContext context, StreamHub hub, IOptions<StreamingOptions> options, IHostApplicationLifetime lifetime) =>
        ServeAsync(context, hub, options.Value, lifetime, StreamEncoding.Json);

    private static Task<IResult> ServeProtobuf(HttpContext context, StreamHub hub, IOptions<StreamingOptions> options, IHostApplicationLifetime lifetime) =>
        ServeAsync(context, hub, options.Value, lifetime, StreamEncoding.Protobuf);

    private static async Task<IResult> ServeAsync(HttpContext context, StreamHub hub, StreamingOptions options, IHostApplicationLifetime lifetime, StreamEncoding encoding)
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

        var (socket, transport) = encoding == StreamEncoding.Json ? await AcceptAsync(context, options) : (await AcceptCompressedAsync(context, options), null);
        using (socket)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await hub.ServeAsync(socket, encoding, user, linked.Token, transport);
        }

        return TypedResults.Empty;
    }

    /// <summary>
    /// Completes the handshake through ASP.NET Core, accepting permessage-deflate (RFC 7692) when the client offers it:
    /// every message is then compressed by the socket itself, so frames are not batched (<see cref="BatchingStream"/> writes raw frames).
    /// </summary>
    private static Task<WebSocket> AcceptCompressedAsync(HttpContext context, StreamingOptions options) =>
        context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = true,
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        });

    /// <summary>
    /// Completes the handshake. An HTTP/1.1 upgrade gets a WebSocket over a <see cref="BatchingStream"/> (the response
    /// headers of RFC 6455 section 4.2.2, no subprotocol, no extension), so bursts of updates leave in one socket write;
    /// an HTTP/2 extended CONNECT goes through ASP.NET Core's handshake, unbatched.
    /// </summary>
    private static async Task<(WebSocket Socket, BatchingStream? Transport)> AcceptAsync(HttpContext context, StreamingOptions options)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true } upgrade)
        {
            var accepted = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                KeepAliveInterval = options.KeepAliveInterval,
                KeepAliveTimeout = options.KeepAliveTimeout,
            });
            return (accepted, null);
        }

        var key = context.Request.Headers.SecWebSocketKey.ToString();
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
        var transport = new BatchingStream(await upgrade.UpgradeAsync(), context.Abort);
        var socket = WebSocket.CreateFromStream(transport, new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        });
        return (socket, transport);
    }
}
