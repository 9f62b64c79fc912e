using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Aggregation;

/// <summary>Accumulates trades or bars of one instrument into one bar: first open, highest high, lowest low, last close, summed volume.</summary>
internal sealed class OhlcvBuilder(InstrumentId instrument)
{
    public InstrumentId Instrument { get; } = instrument;

    public bool IsEmpty => Count == 0;

    public long Count { get; private set; }

    public DateTime Start { get; private set; }

    public DateTime FirstTime { get; private set; }

    public DateTime LastTime { get; private set; }

    public decimal Open { get; private set; }

    public decimal High { get; private set; }

    public decimal Low { get; private set; }

    public decimal Close { get; private set; }

    public decimal Volume { get; private set; }

    /// <summary>Starts a new bar at <paramref name="start"/> (the bucket start, or the first trade's time).</summary>
    public void Reset(DateTime start)
    {
        Count = 0;
        Start = start;
        Volume = 0m;
    }

    public void Add(TradeTick tick) => Add(tick.Timestamp, tick.Price, tick.Price, tick.Price, tick.Price, tick.Size);

    public void Add(Bar bar) => Add(bar.OpenTime, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume);

    public Bar ToBar(BarPeriod period) => new(Instrument, period, Start, Open, High, Low, Close, Volume);

    private void Add(DateTime time, decimal open, decimal high, decimal low, decimal close, decimal volume)
    {
        if (Count == 0)
        {
            FirstTime = time;
            Open = open;
            High = high;
            Low = low;
        }
        else
        {
            High = Math.Max(High, high);
            Low = Math.Min(Low, low);
        }

        LastTime = time;
        Close = close;
        Volume += volume;
        Count++;
    }
}
