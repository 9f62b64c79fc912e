using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Bourse.Benchmarks;

/// <summary>
/// A minimal RFC 6455 client for benchmarks, over a real socket: the HTTP/1.1 upgrade (its
/// <c>Sec-WebSocket-Accept</c> checked), masked text frames out, and a reader that takes 64 KiB from the socket at a
/// time and parses every server frame in it (unmasked, unfragmented, no extension: anything else is an error),
/// answers pings with pongs and ends at the server's close. It costs a few tens of nanoseconds per message, where
/// <see cref="System.Net.WebSockets.ClientWebSocket"/> makes one <c>ReceiveAsync</c> per message.
/// </summary>
public sealed class MinimalWebSocketClient : IDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private MinimalWebSocketClient(Socket socket) => _socket = socket;

    /// <summary>Connects to <c>/ws</c> at <paramref name="address"/> with <paramref name="accessToken"/> (a JWT or an API key) in the query string.</summary>
    /// <exception cref="InvalidOperationException">The server did not upgrade the connection, or answered with a wrong accept key.</exception>
    public static async Task<MinimalWebSocketClient> ConnectAsync(Uri address, string accessToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(address.Host, address.Port);
        var client = new MinimalWebSocketClient(socket);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"GET /ws?access_token={Uri.EscapeDataString(accessToken)} HTTP/1.1\r\nHost: {address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var headers = await client.ReadHeadersAsync();
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        if (!headers.StartsWith("HTTP/1.1 101", StringComparison.Ordinal) || !headers.Contains($"Sec-WebSocket-Accept: {accept}\r\n", StringComparison.OrdinalIgnoreCase))
        {
            client.Dispose();
            throw new InvalidOperationException($"The server did not upgrade the connection: {headers}");
        }

        return client;
    }

    /// <summary>Sends <paramref name="text"/> (UTF-8) as one masked text frame.</summary>
    public Task SendTextAsync(byte[] text) => SendAsync(0x1, text);

    /// <summary>Reads the next text message (pings are answered on the way).</summary>
    /// <exception cref="InvalidOperationException">The connection closed first, or a frame broke the protocol.</exception>
    public async Task<string> ReceiveTextAsync()
    {
        while (true)
        {
            while (TryParse(out var opcode, out var payload))
            {
                if (opcode == 0x1)
                {
                    return Encoding.UTF8.GetString(_buffer, payload.Start.Value, payload.End.Value - payload.Start.Value);
                }

                await HandleControlAsync(opcode, payload);
            }

            if (!await FillAsync())
            {
                throw new InvalidOperationException("The server closed the connection.");
            }
        }
    }

    /// <summary>
    /// Reads until the server closes the connection (or it is disposed), counting the text frames that are
    /// <c>{route}.update</c> messages and reporting the count after each read from the socket.
    /// </summary>
    /// <exception cref="InvalidOperationException">A frame broke the protocol, or a text frame was not an update.</exception>
    public async Task CountUpdatesAsync(Action<long> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var updates = 0L;
        try
        {
            while (true)
            {
                while (TryParse(out var opcode, out var payload))
                {
                    if (opcode != 0x1)
                    {
                        if (opcode == 0x8)
                        {
                            return;
                        }

                        await HandleControlAsync(opcode, payload);
                        continue;
                    }

                    if (!IsUpdate(_buffer.AsSpan(payload)))
                    {
                        throw new InvalidOperationException($"Not an update: {Encoding.UTF8.GetString(_buffer.AsSpan(payload))}");
                    }

                    updates++;
                }

                report(updates);
                if (!await FillAsync())
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Disposed (or aborted) while reading.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    /// <summary>True for <c>{"type":"….update",</c>: the server writes the type first.</summary>
    private static bool IsUpdate(ReadOnlySpan<byte> json)
    {
        if (!json.StartsWith("{\"type\":\""u8))
        {
            return false;
        }

        var type = json["{\"type\":\""u8.Length..];
        var end = type.IndexOf((byte)'"');
        return end > 0 && type[..end].EndsWith(".update"u8);
    }

    /// <summary>
    /// Takes the next whole frame from the buffer: false when the buffer does not hold one yet.
    /// </summary>
    /// <exception cref="InvalidOperationException">The frame is masked, fragmented, uses an extension or is larger than the buffer.</exception>
    private bool TryParse(out int opcode, out Range payload)
    {
        opcode = 0;
        payload = default;
        var available = _end - _start;
        if (available < 2)
        {
            return false;
        }

        var first = _buffer[_start];
        var second = _buffer[_start + 1];
        if ((first & 0xF0) != 0x80 || (second & 0x80) != 0)
        {
            throw new InvalidOperationException($"Unexpected frame header {first:X2} {second:X2}: server frames here are final, without extension and unmasked.");
        }

        var header = 2;
        long length = second & 0x7F;
        if (length == 126)
        {
            header = 4;
            if (available < header)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + 2));
        }
        else if (length == 127)
        {
            header = 10;
            if (available < header)
            {
                return false;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_start + 2));
        }

        if (header + length > _buffer.Length)
        {
            throw new InvalidOperationException($"A frame of {length} bytes does not fit the {_buffer.Length}-byte buffer.");
        }

        if (available < header + length)
        {
            return false;
        }

        opcode = first & 0x0F;
        payload = new Range(_start + header, _start + header + (int)length);
        _start += header + (int)length;
        return true;
    }

    /// <summary>Answers a ping; a close or an unknown opcode ends the reading.</summary>
    private Task HandleControlAsync(int opcode, Range payload) => opcode switch
    {
        0x9 => SendAsync(0xA, _buffer.AsSpan(payload).ToArray()),
        0xA => Task.CompletedTask,
        0x8 => throw new InvalidOperationException("The server closed the connection."),
        _ => throw new InvalidOperationException($"Unexpected opcode {opcode}."),
    };

    /// <summary>Moves what is left to the front of the buffer and reads more; false when the server closed the connection.</summary>
    private async Task<bool> FillAsync()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        _end += read;
        return read > 0;
    }

    /// <summary>Reads the upgrade response's headers; what follows them stays in the buffer as frames.</summary>
    private async Task<string> ReadHeadersAsync()
    {
        while (true)
        {
            var end = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                _start = end + 4;
                return Encoding.ASCII.GetString(_buffer, 0, _start);
            }

            if (!await FillAsync())
            {
                throw new InvalidOperationException("The server closed the connection during the handshake.");
            }
        }
    }

    /// <summary>Sends one final frame of <paramref name="opcode"/>, masked as a client must (RFC 6455 section 5.3).</summary>
    private async Task SendAsync(int opcode, byte[] payload)
    {
        var header = payload.Length < 126 ? 2 : 4;
        var frame = new byte[header + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        if (header == 2)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), checked((ushort)payload.Length));
        }

        var mask = frame.AsSpan(header, 4);
        RandomNumberGenerator.Fill(mask);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header + 4 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        await _socket.SendAsync(frame);
    }
}
