using System.Net.WebSockets;
using System.Text.Json;
using Bourse.Server.Infrastructure;

namespace Bourse.Server.Streaming;

/// <summary>The JSON messages of <c>/ws</c> (see <see cref="StreamMessage"/>); a client may send them as text or binary messages.</summary>
internal sealed class JsonStreamEncoding : StreamEncoding
{
    public override WebSocketMessageType MessageType => WebSocketMessageType.Text;

    public override byte[] Update(string route, string topic, string eventName, byte[] payload, DateTimeOffset ts) =>
        StreamMessage.Update(route, topic, eventName, payload, ts);

    public override byte[] Reply(StreamReply reply) => StreamMessage.Reply(reply);

    public override (ClientCommand? Command, string? Error) Read(ReadOnlySpan<byte> message, WebSocketMessageType type)
    {
        try
        {
            return (JsonSerializer.Deserialize<ClientCommand>(message, JsonSetup.Options), null);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            return (null, $"Invalid JSON: {e.Message}");
        }
    }
}
