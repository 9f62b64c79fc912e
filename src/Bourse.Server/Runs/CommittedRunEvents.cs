using System.Collections.Concurrent;
using Bourse.Engine.Runs;

namespace Bourse.Server.Runs;

/// <summary>
/// In-process subscriptions to one run's events once they are committed to the database (the outbox writer publishes
/// each committed batch here, in order, on its own thread), so a subscriber that reads the database after a message
/// finds the event's rows. Used by the paper brokerage accounts' order updates (Alpaca <c>trade_updates</c>, gRPC).
/// Handlers run on the writer's thread: they must return at once (queue the event) and never throw. Thread-safe.
/// </summary>
public sealed class CommittedRunEvents
{
    private readonly ConcurrentDictionary<Guid, ImmutableHandlers> _handlers = new();

    /// <summary>Calls <paramref name="handler"/> with every committed event of <paramref name="runId"/> until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Guid runId, Action<RunEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.AddOrUpdate(runId, _ => new ImmutableHandlers([handler]), (_, h) => new ImmutableHandlers([.. h.All, handler]));
        return new Subscription(this, runId, handler);
    }

    /// <summary>Hands a committed event to the subscribers of its run.</summary>
    public void Publish(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if (_handlers.TryGetValue(runEvent.RunId.Value, out var handlers))
        {
            foreach (var handler in handlers.All)
            {
                handler(runEvent);
            }
        }
    }

    private void Remove(Guid runId, Action<RunEvent> handler)
    {
        while (_handlers.TryGetValue(runId, out var current))
        {
            var left = current.All.Where(h => h != handler).ToArray();
            var done = left.Length == 0
                ? _handlers.TryRemove(new KeyValuePair<Guid, ImmutableHandlers>(runId, current))
                : _handlers.TryUpdate(runId, new ImmutableHandlers(left), current);
            if (done)
            {
                return;
            }
        }
    }

    private sealed record ImmutableHandlers(Action<RunEvent>[] All);

    private sealed class Subscription(CommittedRunEvents owner, Guid runId, Action<RunEvent> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(runId, handler);
            }
        }
    }
}
