using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bourse.Server.Infrastructure;

namespace Bourse.Server.Streaming;

/// <summary>
/// What the server sends on <c>/ws</c>, as UTF-8 JSON text frames:
/// <list type="bullet">
/// <item>a reply to each client message: <c>{"type": "bars.subscribe", "status": "ok"|"error", "message": "…", "topic": "bars?…"|null}</c>,
/// with <c>"field"</c> naming the part of the message at fault on an error (and <c>"user"</c> on an <c>auth</c> reply);</item>
/// <item>an update: <c>{"type": "bars.update", "topic": "bars?symbol=…&amp;timeframe=1m", "event": "bar", "payload": {…}, "ts": "…"}</c>,
/// where <c>event</c> names what happened (<c>bar</c>, <c>quote</c>, <c>order_filled</c>, <c>strategy_started</c>…) and
/// <c>ts</c> is the server's UTC time when it was published.</item>
/// </list>
/// </summary>
public static class StreamMessage
{
    /// <summary>The payload of an update, serialized once for every topic and subscriber it goes to.</summary>
    public static byte[] Payload(object data) => JsonSerializer.SerializeToUtf8Bytes(data, JsonSetup.Options);

    /// <summary>The WebSocket frame (see <see cref="WebSocketFrames"/>) of an update of <paramref name="topic"/> on <paramref name="route"/>.</summary>
    /// <param name="route">The route (the type is <c>{route}.update</c>).</param>
    /// <param name="topic">The topic key.</param>
    /// <param name="eventName">What happened (snake_case).</param>
    /// <param name="payload">The payload from <see cref="Payload"/>.</param>
    /// <param name="ts">When it was published, UTC.</param>
    public static byte[] Update(string route, string topic, string eventName, byte[] payload, DateTimeOffset ts)
    {
        var buffer = new ArrayBufferWriter<byte>(payload.Length + topic.Length + 128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", route + ".update");
            json.WriteString("topic", topic);
            json.WriteString("event", eventName);
            json.WritePropertyName("payload");
            json.WriteRawValue(payload, skipInputValidation: true);
            json.WriteString("ts", ts.UtcDateTime);
            json.WriteEndObject();
        }

        return WebSocketFrames.Text(buffer.WrittenSpan);
    }

    /// <summary>The frame of a reply (see <see cref="StreamReply"/>).</summary>
    public static byte[] Reply(StreamReply reply) => WebSocketFrames.Text(JsonSerializer.SerializeToUtf8Bytes(reply, JsonSetup.Options));
}

/// <summary>The server's answer to one client message.</summary>
/// <param name="Type">The client's action (<c>auth</c>, <c>bars.subscribe</c>…), or <c>error</c> when the message had none the server understood.</param>
/// <param name="Status"><c>ok</c> or <c>error</c>.</param>
/// <param name="Message">What happened, or what was wrong and what is allowed.</param>
/// <param name="Topic">The canonical topic key the action was about, when there is one.</param>
/// <param name="Field">On an error: the part of the message at fault (<c>message</c>, <c>action</c>, <c>route</c>, <c>token</c>, <c>run_id</c>, a parameter name).</param>
/// <param name="User">On a successful <c>auth</c>: who the connection is signed in as.</param>
public sealed record StreamReply(
    string Type,
    string Status,
    string Message,
    string? Topic = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StreamUser? User = null)
{
    /// <summary>A successful reply.</summary>
    public static StreamReply Ok(string type, string message, string? topic = null) => new(type, "ok", message, topic);

    /// <summary>An error reply.</summary>
    public static StreamReply Error(string type, string field, string message, string? topic = null) => new(type, "error", message, topic, field);
}

/// <summary>The user a connection is signed in as.</summary>
/// <param name="Id">User id.</param>
/// <param name="Username">User name.</param>
/// <param name="Role">admin, trader or viewer.</param>
public sealed record StreamUser(Guid Id, string Username, string Role);

/// <summary>
/// What a client sends: <c>{"action": "auth", "token": "…"}</c> (first, unless the upgrade was authenticated), then
/// <c>{"action": "{route}.subscribe"|"{route}.unsubscribe", "params": {"symbol": "BTCUSD.COINBASE", "timeframe": "1m"}}</c>.
/// </summary>
/// <param name="Action">auth, or a route followed by .subscribe or .unsubscribe.</param>
/// <param name="Params">The route's parameters (see <see cref="TopicKeys"/>).</param>
/// <param name="Token">An access token (JWT) or an API key bk_….secret, for auth.</param>
public sealed record ClientCommand(string? Action, Dictionary<string, JsonElement>? Params = null, string? Token = null);
