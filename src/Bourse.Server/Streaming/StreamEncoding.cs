using System.Net.WebSockets;

namespace Bourse.Server.Streaming;

/// <summary>
/// How one streaming endpoint writes and reads its messages: <see cref="Json"/> for <c>/ws</c> (UTF-8 JSON text
/// messages, <see cref="StreamMessage"/>) and <see cref="Protobuf"/> for <c>/ws/v2</c> (binary Protocol Buffers messages of
/// <c>protos/bourse/stream/v1/stream.proto</c>). Topics, actions, authentication and the events themselves are the same
/// (<see cref="StreamHub"/>, <see cref="StreamClient"/>); an update is encoded once per topic and encoding.
/// </summary>
public abstract class StreamEncoding
{
    /// <summary>JSON text messages (<c>/ws</c>).</summary>
    public static StreamEncoding Json { get; } = new JsonStreamEncoding();

    /// <summary>Protocol Buffers binary messages (<c>/ws/v2</c>).</summary>
    public static StreamEncoding Protobuf { get; } = new ProtobufStreamEncoding();

    /// <summary>The WebSocket message type the server sends.</summary>
    public abstract WebSocketMessageType MessageType { get; }

    /// <summary>The frame (see <see cref="WebSocketFrames"/>) of an update of <paramref name="topic"/> on <paramref name="route"/>.</summary>
    /// <param name="route">The route (the type is <c>{route}.update</c>).</param>
    /// <param name="topic">The topic key.</param>
    /// <param name="eventName">What happened (snake_case).</param>
    /// <param name="payload">The payload as JSON (<see cref="StreamMessage.Payload"/>).</param>
    /// <param name="ts">When it was published, UTC.</param>
    public abstract byte[] Update(string route, string topic, string eventName, byte[] payload, DateTimeOffset ts);

    /// <summary>The frame of a reply.</summary>
    public abstract byte[] Reply(StreamReply reply);

    /// <summary>Reads a client message.</summary>
    /// <returns>The command, or the reason the message is not one (an error reply's message).</returns>
    public abstract (ClientCommand? Command, string? Error) Read(ReadOnlySpan<byte> message, WebSocketMessageType type);
}
