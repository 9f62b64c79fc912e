using System.Threading.Channels;
using Bourse.Engine.Runs;
using Bourse.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Runs;

/// <summary>
/// The bounded queue between every run's event loop and the background writer (database + WebSocket hub).
/// Writers return at once while there is room; when the queue is full (the database is <see cref="OutboxOptions.Capacity"/>
/// events behind) a run's loop waits for room: back-pressure instead of losing events.
/// </summary>
public sealed class RunEventOutbox
{
    private readonly Channel<RunEvent> _channel;
    private readonly TimeProvider _clock;
    private long _enqueued;
    private long _processed;

    /// <summary>Creates the queue with the configured capacity.</summary>
    public RunEventOutbox(IOptions<OutboxOptions> options, TimeProvider clock)
    {
        _clock = clock;
        _channel = Channel.CreateBounded<RunEvent>(new BoundedChannelOptions(Math.Max(16, options.Value.Capacity))
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The reading side, for the writer.</summary>
    public ChannelReader<RunEvent> Reader => _channel.Reader;

    /// <summary>Events queued or being written (not yet committed and published).</summary>
    public long Depth => Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _processed);

    /// <summary>Queues an event; blocks only while the queue is full.</summary>
    public void Write(RunEvent runEvent)
    {
        Interlocked.Increment(ref _enqueued);
        if (!_channel.Writer.TryWrite(runEvent))
        {
            _channel.Writer.WriteAsync(runEvent).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Called by the writer after <paramref name="count"/> events were committed (and streamed).</summary>
    public void MarkProcessed(int count) => Interlocked.Add(ref _processed, count);

    /// <summary>Waits until every event queued before the call is committed to the database, or the timeout passes.</summary>
    /// <returns>True when flushed in time.</returns>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _enqueued);
        var started = _clock.GetTimestamp();
        while (Interlocked.Read(ref _processed) < target)
        {
            if (_clock.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), _clock, cancellationToken);
        }

        return true;
    }
}

/// <summary>A run's <see cref="IRunEventSink"/>: puts every event in the <see cref="RunEventOutbox"/>.</summary>
internal sealed class OutboxRunEventSink(RunEventOutbox outbox) : IRunEventSink
{
    /// <inheritdoc />
    public void Publish(RunEvent runEvent) => outbox.Write(runEvent);
}
