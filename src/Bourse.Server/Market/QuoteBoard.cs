using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Server.Market;

/// <summary>
/// The latest bar of every instrument the feed published, and a fan-out of new bars to listeners (e.g. gRPC quote
/// streams). Publishing never blocks: a listener that falls 1024 bars behind loses its oldest ones. Thread-safe.
/// </summary>
public sealed class QuoteBoard
{
    private const int ListenerCapacity = 1024;
    private readonly ConcurrentDictionary<InstrumentId, Bar> _latest = new();
    private readonly Lock _gate = new();
    private Listener[] _listeners = [];

    /// <summary>Records <paramref name="bar"/> as its instrument's latest and hands it to the listeners of that instrument.</summary>
    public void Publish(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        _latest[bar.Instrument] = bar;
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            if (listener.Instruments.Contains(bar.Instrument))
            {
                listener.Channel.Writer.TryWrite(bar);
            }
        }
    }

    /// <summary>The latest bar the feed published for <paramref name="instrument"/> since the server started, or null.</summary>
    public Bar? Latest(InstrumentId instrument) => _latest.TryGetValue(instrument, out var bar) ? bar : null;

    /// <summary>Every bar of <paramref name="instruments"/> published from now until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<Bar> ListenAsync(IReadOnlySet<InstrumentId> instruments, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listener = new Listener(instruments, Channel.CreateBounded<Bar>(new BoundedChannelOptions(ListenerCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        }));
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        try
        {
            await foreach (var bar in listener.Channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return bar;
            }
        }
        finally
        {
            lock (_gate)
            {
                _listeners = [.. _listeners.Where(l => l != listener)];
            }
        }
    }

    private sealed record Listener(IReadOnlySet<InstrumentId> Instruments, Channel<Bar> Channel);
}
