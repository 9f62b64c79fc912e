using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Aggregation;

/// <summary>
/// The live (push) form of <see cref="BarAggregator.Resample"/>: shorter bars in, each longer bar out as soon as it is
/// known to be complete: when a bar closing at the end of its bucket arrives, or else (the bucket's last minutes had no bar)
/// when the first bar of a later bucket arrives.
/// Buckets are aligned by <see cref="BarBuckets"/>; the output bar is stamped with the bucket start and has the longer period
/// (OHLCV as in <see cref="BarAggregator"/>). Instruments are aggregated independently. Not thread-safe: one caller (a run's loop).
/// </summary>
public sealed class BarResampler
{
    private readonly BarPeriod _period;
    private readonly BarBuckets _buckets;
    private readonly Dictionary<InstrumentId, OhlcvBuilder> _open = [];

    /// <param name="period">The longer period, e.g. 5 minutes.</param>
    /// <param name="buckets">Bucket alignment (UTC when null; the exchange's zone for session-aligned equity hours).</param>
    public BarResampler(BarPeriod period, BarBuckets? buckets = null)
    {
        _period = period;
        _buckets = buckets ?? BarBuckets.Utc;
    }

    /// <summary>The longer period.</summary>
    public BarPeriod Period => _period;

    /// <summary>Adds a bar; appends to <paramref name="completed"/> the longer bars this bar completes (0, 1 or 2), oldest first.</summary>
    /// <exception cref="ArgumentException">The bar's period does not divide <see cref="Period"/>, or it is not later than the previous bar of its instrument.</exception>
    public void Add(Bar bar, ICollection<Bar> completed)
    {
        ArgumentNullException.ThrowIfNull(bar);
        ArgumentNullException.ThrowIfNull(completed);
        if (bar.Period.Span > _period.Span || _period.Span.Ticks % bar.Period.Span.Ticks != 0)
        {
            throw new ArgumentException($"Cannot resample {bar.Period} bars of {bar.Instrument} to {_period}: {_period} is not a whole multiple of {bar.Period}.", nameof(bar));
        }

        var start = _buckets.Start(bar.OpenTime, _period);
        if (!_open.TryGetValue(bar.Instrument, out var builder))
        {
            _open[bar.Instrument] = builder = new OhlcvBuilder(bar.Instrument);
        }
        else if (bar.OpenTime <= builder.LastTime)
        {
            throw new ArgumentException($"Bars of {bar.Instrument} are out of order: {bar.OpenTime:O} after {builder.LastTime:O}.", nameof(bar));
        }
        else if (!builder.IsEmpty && start != builder.Start)
        {
            completed.Add(builder.ToBar(_period));
            builder.Reset(start);
        }

        if (builder.IsEmpty)
        {
            builder.Reset(start);
        }

        builder.Add(bar);
        if (bar.CloseTime >= _buckets.Next(start, _period))
        {
            completed.Add(builder.ToBar(_period));
            builder.Reset(start);
        }
    }
}
