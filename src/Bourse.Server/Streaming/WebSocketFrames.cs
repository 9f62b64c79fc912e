using System.Buffers.Binary;

namespace Bourse.Server.Streaming;

/// <summary>
/// Unmasked WebSocket text and binary frames as a server sends them (RFC 6455 section 5.2): built once per message, so the same
/// bytes, header included, go to every subscriber.
/// </summary>
public static class WebSocketFrames
{
    /// <summary>A final text frame carrying <paramref name="payload"/> (UTF-8).</summary>
    public static byte[] Text(ReadOnlySpan<byte> payload) => Frame(0x81, payload); // FIN, opcode 1 (text)

    /// <summary>A final binary frame carrying <paramref name="payload"/>.</summary>
    public static byte[] Binary(ReadOnlySpan<byte> payload) => Frame(0x82, payload); // FIN, opcode 2 (binary)

    /// <summary>The payload of a frame built by <see cref="Text"/> or <see cref="Binary"/>.</summary>
    public static ReadOnlyMemory<byte> Payload(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.AsMemory((frame[1] & 0x7f) switch { 126 => 4, 127 => 10, _ => 2 });
    }

    private static byte[] Frame(byte first, ReadOnlySpan<byte> payload)
    {
        var header = payload.Length < 126 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        var frame = new byte[header + payload.Length];
        frame[0] = first;
        switch (header)
        {
            case 2:
                frame[1] = (byte)payload.Length;
                break;
            case 4:
                frame[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
                break;
            default:
                frame[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
                break;
        }

        payload.CopyTo(frame.AsSpan(header));
        return frame;
    }
}
