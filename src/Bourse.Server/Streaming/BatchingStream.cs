using System.Buffers;

namespace Bourse.Server.Streaming;

/// <summary>
/// The transport under a server WebSocket, to which the client's send loop also writes ready-made text frames (see
/// <see cref="WebSocketFrames"/>): <see cref="WriteFramesAsync"/> gathers a burst of them into one write, so a burst of
/// updates costs one socket write rather than one per message (at most <see cref="MaxBatchBytes"/> per write). The
/// WebSocket's own writes (pings, pongs, the close) go straight through. Writes are serialized with a lock, whole frames at a time, since a ping may come while the send loop writes.
/// Disposing it while a read is pending (the WebSocket does when it aborts itself, e.g. after a missed pong) also calls
/// <paramref name="abort"/>, which aborts the connection: disposing the upgraded stream alone would leave that read
/// waiting. After a close handshake nothing is read any more and the connection ends normally.
/// </summary>
internal sealed class BatchingStream(Stream inner, Action abort) : Stream
{
    /// <summary>Bytes held at most before they are written (Kestrel's default response buffer).</summary>
    public const int MaxBatchBytes = 64 * 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _held = new(MaxBatchBytes);
    private int _pendingReads;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Writes whole frames, in order, as few writes as possible: one per <see cref="MaxBatchBytes"/> (one for a
    /// usual burst).
    /// </summary>
    public async ValueTask WriteFramesAsync(ReadOnlyMemory<byte[]> frames, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var i = 0; i < frames.Length; i++)
            {
                _held.Write(frames.Span[i]);
                if (_held.WrittenCount >= MaxBatchBytes || i == frames.Length - 1)
                {
                    await inner.WriteAsync(_held.WrittenMemory, cancellationToken);
                    _held.ResetWrittenCount();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _pendingReads);
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _pendingReads);
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The WebSocket reads asynchronously.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The WebSocket writes asynchronously.");

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override void Flush() => inner.Flush();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (Volatile.Read(ref _pendingReads) > 0)
            {
                abort();
            }

            inner.Dispose();
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
