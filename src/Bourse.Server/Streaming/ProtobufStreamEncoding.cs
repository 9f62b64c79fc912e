using System.Net.WebSockets;
using System.Text.Json;
using Bourse.Server.Streaming.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Bourse.Server.Streaming;

/// <summary>
/// The binary messages of <c>/ws/v2</c>: the client sends <see cref="ClientMessage"/>, the server sends
/// <see cref="ServerMessage"/> (a <see cref="V1.Reply"/> or an <see cref="V1.Update"/> whose payload is
/// built from the JSON payload by <see cref="ProtobufPayloads"/>), each in one binary WebSocket message.
/// </summary>
internal sealed class ProtobufStreamEncoding : StreamEncoding
{
    public override WebSocketMessageType MessageType => WebSocketMessageType.Binary;

    public override byte[] Update(string route, string topic, string eventName, byte[] payload, DateTimeOffset ts)
    {
        var update = new Update { Type = route + ".update", Topic = topic, Event = eventName, Ts = Timestamp.FromDateTimeOffset(ts) };
        ProtobufPayloads.Set(update, eventName, payload);
        return WebSocketFrames.Binary(new ServerMessage { Update = update }.ToByteArray());
    }

    public override byte[] Reply(StreamReply reply)
    {
        var message = new V1.Reply { Type = reply.Type, Status = reply.Status, Message = reply.Message };
        if (reply.Topic is { } topic)
        {
            message.Topic = topic;
        }

        if (reply.Field is { } field)
        {
            message.Field = field;
        }

        if (reply.User is { } user)
        {
            message.User = new User { Id = user.Id.ToString("D"), Username = user.Username, Role = user.Role };
        }

        return WebSocketFrames.Binary(new ServerMessage { Reply = message }.ToByteArray());
    }

    public override (ClientCommand? Command, string? Error) Read(ReadOnlySpan<byte> message, WebSocketMessageType type)
    {
        if (type != WebSocketMessageType.Binary)
        {
            return (null, "Send binary messages: a bourse.stream.v1.ClientMessage (protos/bourse/stream/v1/stream.proto) each; /ws takes JSON.");
        }

        ClientMessage parsed;
        try
        {
            parsed = ClientMessage.Parser.ParseFrom(message);
        }
        catch (InvalidProtocolBufferException e)
        {
            return (null, $"Not a bourse.stream.v1.ClientMessage: {e.Message}");
        }

        var parameters = parsed.Params.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));
        return (new ClientCommand(parsed.Action, parameters, parsed.Token.Length == 0 ? null : parsed.Token), null);
    }
}
