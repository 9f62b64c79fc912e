using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;

namespace Bourse.Data.Aggregation;

/// <summary>What a time-bar aggregation does with a period in which nothing traded.</summary>
public enum EmptyPeriods
{
    /// <summary>Leave it out (LEAN's convention).</summary>
    Skip,

    /// <summary>
    /// Emit a flat bar at the previous close with zero volume (freqtrade's and most charting tools' convention);
    /// only between the instrument's first and last trade.
    /// </summary>
    FillWithPreviousClose,
}

/// <summary>
/// Turns trade ticks into bars and bars into longer bars, streaming. Inputs may interleave instruments; each
/// instrument is aggregated on its own and must be in non-decreasing time. A bar is yielded as soon as a later
/// input of its instrument shows it is complete; the last bar of each instrument (possibly partial) is yielded at the end,
/// in instrument-id order. OHLC: first price, highest, lowest, last price; volume: the sum of sizes (base units).
/// </summary>
public static class BarAggregator
{
    /// <summary>Time bars: one bar per <paramref name="period"/> bucket (see <see cref="BarBuckets"/> for alignment), stamped with the bucket start.</summary>
    /// <param name="ticks">Trade ticks in non-decreasing time per instrument.</param>
    /// <param name="period">The bar period.</param>
    /// <param name="buckets">Bucket alignment; UTC when null.</param>
    /// <param name="empty">What to do with periods without trades.</param>
    /// <exception cref="ArgumentException">A tick is earlier than the previous tick of its instrument.</exception>
    public static IEnumerable<Bar> TimeBars(IEnumerable<TradeTick> ticks, BarPeriod period, BarBuckets? buckets = null, EmptyPeriods empty = EmptyPeriods.Skip)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        buckets ??= BarBuckets.Utc;
        var open = new Dictionary<InstrumentId, OhlcvBuilder>();
        foreach (var tick in ticks)
        {
            var start = buckets.Start(tick.Timestamp, period);
            if (!open.TryGetValue(tick.Instrument, out var builder))
            {
                open[tick.Instrument] = builder = new OhlcvBuilder(tick.Instrument);
                builder.Reset(start);
            }
            else if (start != builder.Start)
            {
                CheckOrder(tick.Instrument, tick.Timestamp, builder.LastTime);
                var bar = builder.ToBar(period);
                yield return bar;
                if (empty == EmptyPeriods.FillWithPreviousClose)
                {
                    for (var gap = buckets.Next(bar.OpenTime, period); gap < start; gap = buckets.Next(gap, period))
                    {
                        yield return new Bar(bar.Instrument, period, gap, bar.Close, bar.Close, bar.Close, bar.Close, 0m);
                    }
                }

                builder.Reset(start);
            }
            else
            {
                CheckOrder(tick.Instrument, tick.Timestamp, builder.LastTime);
            }

            builder.Add(tick);
        }

        foreach (var builder in Remaining(open))
        {
            yield return builder.ToBar(period);
        }
    }

    /// <summary>
    /// Tick bars: one bar per <paramref name="count"/> trades. A bar opens at its first trade's time and its period runs
    /// to just after its last trade (last − first + 100 ns), so <see cref="Bar.CloseTime"/> is when it is known.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    /// <exception cref="ArgumentException">A tick is earlier than the previous tick of its instrument.</exception>
    public static IEnumerable<Bar> TickBars(IEnumerable<TradeTick> ticks, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return ActivityBars(ticks, b => b.Count >= count);
    }

    /// <summary>
    /// Volume bars: a bar closes with the trade that brings its volume to at least <paramref name="volume"/> (base units;
    /// trades are not split, so a bar may exceed the threshold). Times as in <see cref="TickBars"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="volume"/> is not positive.</exception>
    /// <exception cref="ArgumentException">A tick is earlier than the previous tick of its instrument.</exception>
    public static IEnumerable<Bar> VolumeBars(IEnumerable<TradeTick> ticks, decimal volume)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(volume);
        return ActivityBars(ticks, b => b.Volume >= volume);
    }

    /// <summary>
    /// Bars to longer bars: every input bar goes to the <paramref name="period"/> bucket holding its open time
    /// (see <see cref="BarBuckets"/>); the output bar is stamped with the bucket start. 1m → 5m, 1h, 1d…
    /// </summary>
    /// <param name="bars">Bars in increasing open time per instrument, of a period that divides <paramref name="period"/>.</param>
    /// <param name="period">The longer period.</param>
    /// <param name="buckets">Bucket alignment; UTC when null. Use the exchange's time zone for session-aligned equity hours and days.</param>
    /// <exception cref="ArgumentException">A bar's period does not divide <paramref name="period"/>, or bars are out of order.</exception>
    public static IEnumerable<Bar> Resample(IEnumerable<Bar> bars, BarPeriod period, BarBuckets? buckets = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        buckets ??= BarBuckets.Utc;
        var open = new Dictionary<InstrumentId, OhlcvBuilder>();
        foreach (var bar in bars)
        {
            if (bar.Period.Span > period.Span || period.Span.Ticks % bar.Period.Span.Ticks != 0)
            {
                throw new ArgumentException($"Cannot resample {bar.Period} bars of {bar.Instrument} to {period}: {period} is not a whole multiple of {bar.Period}.", nameof(bars));
            }

            var start = buckets.Start(bar.OpenTime, period);
            if (!open.TryGetValue(bar.Instrument, out var builder))
            {
                open[bar.Instrument] = builder = new OhlcvBuilder(bar.Instrument);
                builder.Reset(start);
            }
            else
            {
                if (bar.OpenTime <= builder.LastTime)
                {
                    throw new ArgumentException($"Bars of {bar.Instrument} are out of order: {bar.OpenTime:O} after {builder.LastTime:O}.", nameof(bars));
                }

                if (start != builder.Start)
                {
                    yield return builder.ToBar(period);
                    builder.Reset(start);
                }
            }

            builder.Add(bar);
        }

        foreach (var builder in Remaining(open))
        {
            yield return builder.ToBar(period);
        }
    }

    private static IEnumerable<Bar> ActivityBars(IEnumerable<TradeTick> ticks, Func<OhlcvBuilder, bool> complete)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        var open = new Dictionary<InstrumentId, OhlcvBuilder>();
        foreach (var tick in ticks)
        {
            if (!open.TryGetValue(tick.Instrument, out var builder))
            {
                open[tick.Instrument] = builder = new OhlcvBuilder(tick.Instrument);
            }
            else if (!builder.IsEmpty)
            {
                CheckOrder(tick.Instrument, tick.Timestamp, builder.LastTime);
            }

            if (builder.IsEmpty)
            {
                builder.Reset(tick.Timestamp);
            }

            builder.Add(tick);
            if (complete(builder))
            {
                yield return ActivityBar(builder);
                builder.Reset(tick.Timestamp);
            }
        }

        foreach (var builder in Remaining(open))
        {
            yield return ActivityBar(builder);
        }
    }

    private static Bar ActivityBar(OhlcvBuilder builder) => builder.ToBar(new BarPeriod(builder.LastTime - builder.FirstTime + TimeSpan.FromTicks(1)));

    private static IEnumerable<OhlcvBuilder> Remaining(Dictionary<InstrumentId, OhlcvBuilder> open) =>
        open.Values.Where(b => !b.IsEmpty).OrderBy(b => b.Instrument.ToString(), StringComparer.Ordinal);

    private static void CheckOrder(InstrumentId instrument, DateTime time, DateTime previous)
    {
        if (time < previous)
        {
            throw new ArgumentException($"Ticks of {instrument} are out of order: {time:O} after {previous:O}.");
        }
    }
}
