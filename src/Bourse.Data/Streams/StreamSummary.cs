using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Streams;

/// <summary>
/// What a stream of market data holds, gathered in one pass: row count, instruments, bar periods, first and last
/// time (a bar's open time, a tick's timestamp), and gaps: for bars, every place where a bar opens after the previous
/// bar of its instrument closed (nights, weekends and quiet minutes count); for ticks, the longest silence.
/// </summary>
public sealed class StreamSummary
{
    private readonly Dictionary<InstrumentId, DateTime> lastEnd = [];
    private readonly SortedSet<string> instruments = new(StringComparer.Ordinal);
    private readonly SortedSet<BarPeriod> periods = new(Comparer<BarPeriod>.Create((a, b) => a.Span.CompareTo(b.Span)));

    /// <summary>Rows seen.</summary>
    public long Count { get; private set; }

    /// <summary>The instruments, ordered by id.</summary>
    public IReadOnlyCollection<string> Instruments => instruments;

    /// <summary>The distinct bar periods (empty for ticks).</summary>
    public IReadOnlyCollection<BarPeriod> Periods => periods;

    /// <summary>The earliest time, UTC.</summary>
    public DateTime? First { get; private set; }

    /// <summary>The latest time, UTC.</summary>
    public DateTime? Last { get; private set; }

    /// <summary>The number of gaps (bars only).</summary>
    public long Gaps { get; private set; }

    /// <summary>The longest gap: between a bar's close and the next bar's open, or between two ticks.</summary>
    public TimeSpan LongestGap { get; private set; }

    /// <summary>When the longest gap began, UTC.</summary>
    public DateTime? LongestGapStart { get; private set; }

    /// <summary>Adds one row.</summary>
    public void Add(in MarketDataItem item)
    {
        var (start, end) = item.Kind switch
        {
            MarketDataKind.Bar => (item.Bar!.OpenTime, item.Bar.CloseTime),
            MarketDataKind.QuoteBar => (item.QuoteBar!.OpenTime, item.QuoteBar.CloseTime),
            _ => (item.Time, item.Time),
        };
        if ((item.Bar?.Period ?? item.QuoteBar?.Period) is { } period)
        {
            periods.Add(period);
        }

        Count++;
        if (!lastEnd.ContainsKey(item.Instrument))
        {
            instruments.Add(item.Instrument.ToString());
        }

        First = First is { } first && first <= start ? first : start;
        Last = Last is { } last && last >= start ? last : start;
        if (lastEnd.TryGetValue(item.Instrument, out var previous) && start - previous is var gap && gap > TimeSpan.Zero)
        {
            Gaps += item.Kind is MarketDataKind.Bar or MarketDataKind.QuoteBar ? 1 : 0;
            if (gap > LongestGap)
            {
                LongestGap = gap;
                LongestGapStart = previous;
            }
        }

        lastEnd[item.Instrument] = end;
    }
}
