using System.Threading.Channels;
using Bourse.Engine.Runs;
using Bourse.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Runs;

/// <summary>
/// The queue between every run's event loop and the <see cref="OutboxWriter"/> (database, then WebSocket hub).
/// <para>Back-pressure policy (README "Persistence and back-pressure"):</para>
/// <list type="number">
/// <item><see cref="Write"/> never blocks and never refuses an event: it is a lock-free enqueue on an unbounded channel, so
/// a run's loop spends microseconds on persistence per event, even in the middle of a strategy callback.</item>
/// <item>The queue is bounded by pausing its producers instead: when <see cref="Depth"/> (events queued or being written,
/// i.e. not yet committed) reaches <see cref="OutboxOptions.Capacity"/>, <see cref="IsPaused"/> turns true and every run's
/// loop stops taking new input at its next event boundary (<see cref="WaitUntilOpen"/>, between two kernel calls, never
/// inside one) until the writer has brought the depth down to <see cref="OutboxOptions.ResumeBelow"/>. Events a callback
/// still publishes past the mark are queued, so the queue can overshoot the mark by at most one kernel call's events per run.</item>
/// <item>No event is dropped: the writer retries a failed batch with backoff until it commits (see <see cref="OutboxWriter"/>),
/// and an event is published to clients only after its batch committed.</item>
/// </list>
/// Thread-safe: many run loops write, one writer reads.
/// </summary>
public sealed class RunEventOutbox
{
    private readonly Channel<RunEvent> _channel;
    private readonly TimeProvider _clock;
    private readonly ManualResetEventSlim _open = new(true);
    private readonly Lock _gate = new();
    private readonly long _highWater;
    private readonly long _lowWater;
    private long _enqueued;
    private long _processed;
    private long _pauses;
    private volatile bool _paused;

    /// <summary>Creates the queue with the configured high- and low-water marks.</summary>
    public RunEventOutbox(IOptions<OutboxOptions> options, TimeProvider clock)
    {
        _clock = clock;
        _highWater = Math.Max(16, options.Value.Capacity);
        _lowWater = Math.Clamp(options.Value.ResumeBelow ?? _highWater / 2, 0, _highWater - 1);
        _channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    }

    /// <summary>The reading side, for the writer.</summary>
    public ChannelReader<RunEvent> Reader => _channel.Reader;

    /// <summary>Events queued or being written (not yet committed and published).</summary>
    public long Depth => Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _processed);

    /// <summary>Events queued since the start.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Events committed (or, at shutdown, given up) and published since the start.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>True while runs must not take new input: <see cref="Depth"/> reached the high-water mark and has not yet fallen to the low-water mark.</summary>
    public bool IsPaused => _paused;

    /// <summary>How many times the queue reached its high-water mark and paused the runs.</summary>
    public long Pauses => Interlocked.Read(ref _pauses);

    /// <summary>The depth at which runs pause.</summary>
    public long HighWaterMark => _highWater;

    /// <summary>The depth at or below which paused runs resume.</summary>
    public long LowWaterMark => _lowWater;

    /// <summary>Queues an event. Never blocks (see the policy above); past the high-water mark it pauses the runs.</summary>
    public void Write(RunEvent runEvent)
    {
        var enqueued = Interlocked.Increment(ref _enqueued);
        _channel.Writer.TryWrite(runEvent);
        if (!_paused && enqueued - Interlocked.Read(ref _processed) >= _highWater)
        {
            lock (_gate)
            {
                if (!_paused && Depth >= _highWater)
                {
                    _paused = true;
                    _open.Reset();
                    _pauses++;
                }
            }
        }
    }

    /// <summary>Called by the writer after it committed and published <paramref name="count"/> events; resumes the runs at the low-water mark.</summary>
    public void MarkProcessed(int count)
    {
        Interlocked.Add(ref _processed, count);
        if (_paused)
        {
            lock (_gate)
            {
                if (_paused && Depth <= _lowWater)
                {
                    _paused = false;
                    _open.Set();
                }
            }
        }
    }

    /// <summary>
    /// Called by a run's loop between two kernel calls while <see cref="IsPaused"/>: waits until the runs may resume or
    /// <paramref name="timeout"/> passed (so the loop can look at its stop flag). True when open.
    /// </summary>
    public bool WaitUntilOpen(TimeSpan timeout) => _open.Wait(timeout);

    /// <summary>Waits until every event queued before the call has been written, or the timeout passes.</summary>
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
    /// <summary>The queue, whose pause the run's loop honours between kernel calls.</summary>
    public RunEventOutbox Outbox => outbox;

    /// <inheritdoc />
    public void Publish(RunEvent runEvent) => outbox.Write(runEvent);
}
