using Bourse.Data.Aggregation;
using Bourse.Engine.Calendars;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Market;

/// <summary>A page of bars and where the next one starts.</summary>
/// <param name="Bars">The bars, in the order asked for.</param>
/// <param name="Next">The bucket start of the first bar after this page (in the same direction), or null at the end.</param>
public sealed record BarPage(IReadOnlyList<Bar> Bars, DateTime? Next);

/// <summary>
/// The one place that serves bars of any period from the stored feed bars (table <c>bars</c>), for Alpaca's market
/// data and the TradingView datafeed: it reads the stored bars of the longest stored period that divides the one asked
/// for (1 minute for the feeds) and aggregates them with <see cref="BarAggregator.Resample"/> on <see cref="BucketsFor"/>.
/// A bar is stamped with its bucket start; a bucket holds every stored bar whose open time falls in it, so a bucket that is
/// still filling (today's day bar) is returned as far as it goes. Buckets without stored bars are skipped (no filler bars).
/// </summary>
public sealed class BarHistory(IDbContextFactory<BourseDbContext> contexts)
{
    private const int Chunk = 5000;

    /// <summary>
    /// Bucket alignment of <paramref name="instrument"/>: an equity's on New York time (day bars from local midnight,
    /// hours from local whole hours), anything else on UTC; weeks start on Mondays.
    /// </summary>
    public static BarBuckets BucketsFor(Instrument instrument) =>
        new(instrument.AssetClass == AssetClass.Equity ? UsEquityCalendar.NewYork : null) { MondayWeeks = true };

    /// <summary>
    /// Up to <paramref name="limit"/> bars of <paramref name="period"/> whose bucket start lies in
    /// [<paramref name="from"/>, <paramref name="to"/>] (UTC), oldest first or, when <paramref name="descending"/>, newest
    /// first; with the bucket start of the next bar in that direction (continue from it: as <paramref name="from"/> when
    /// ascending, as <paramref name="to"/> when descending). Empty when nothing is stored or no stored period divides
    /// <paramref name="period"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public async Task<BarPage> PageAsync(Instrument instrument, BarPeriod period, DateTime from, DateTime to, int limit, bool descending, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var buckets = BucketsFor(instrument);
        var key = instrument.Id.ToString();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Bars.Where(b => b.Symbol == key).Select(b => b.PeriodSeconds).Distinct().ToListAsync(cancellationToken);
        var periodSeconds = (long)period.Span.TotalSeconds;
        var baseSeconds = stored.Where(s => s > 0 && periodSeconds % s == 0).DefaultIfEmpty(0).Max();
        if (baseSeconds == 0 || from > to)
        {
            return new BarPage([], null);
        }

        var first = buckets.Start(from, period);
        var low = first == from ? first : buckets.Next(first, period);
        var high = buckets.Next(buckets.Start(to, period), period); // exclusive
        var rows = new List<Bar>();
        var (count, current) = (0, (DateTime?)null);
        while (low < high)
        {
            var query = db.Bars.AsNoTracking().Where(b => b.Symbol == key && b.PeriodSeconds == baseSeconds && b.OpenTime >= low && b.OpenTime < high);
            var chunk = await (descending ? query.OrderByDescending(b => b.OpenTime) : query.OrderBy(b => b.OpenTime)).Take(Chunk).ToListAsync(cancellationToken);
            foreach (var row in chunk)
            {
                var bucket = buckets.Start(DateTime.SpecifyKind(row.OpenTime, DateTimeKind.Utc), period);
                if (bucket != current)
                {
                    if (count == limit)
                    {
                        return new BarPage(Aggregate(rows, period, buckets, descending), bucket);
                    }

                    (count, current) = (count + 1, bucket);
                }

                rows.Add(ToBar(instrument.Id, row));
            }

            if (chunk.Count < Chunk)
            {
                break;
            }

            (low, high) = descending ? (low, chunk[^1].OpenTime) : (chunk[^1].OpenTime.AddTicks(1), high);
        }

        return new BarPage(Aggregate(rows, period, buckets, descending), null);
    }

    /// <summary>The newest stored bar of <paramref name="instrument"/> (of its shortest stored period), or null when none is stored.</summary>
    public async Task<Bar?> LatestAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        var key = instrument.Id.ToString();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Bars.AsNoTracking().Where(b => b.Symbol == key)
            .OrderByDescending(b => b.OpenTime).ThenBy(b => b.PeriodSeconds).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToBar(instrument.Id, row);
    }

    /// <summary>
    /// The latest close time (UTC) of the newest stored bars of <paramref name="instruments"/> (each as
    /// <see cref="LatestAsync"/> finds it; <see cref="DateTime.MaxValue"/> for a bar that would close past it), or null when
    /// none is stored or the database has not been created yet (no migration applied: the replay feed asks before
    /// <c>DatabaseInitializer</c> runs).
    /// </summary>
    public async Task<DateTime?> LatestCloseAsync(IEnumerable<Instrument> instruments, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
            {
                return null;
            }
        }

        DateTime? latest = null;
        foreach (var instrument in instruments)
        {
            if (await LatestAsync(instrument, cancellationToken) is { } bar)
            {
                var close = bar.OpenTime > DateTime.MaxValue - bar.Period.Span ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : bar.CloseTime;
                latest = latest > close ? latest : close;
            }
        }

        return latest;
    }

    /// <summary>The last <paramref name="count"/> bars of <paramref name="period"/> whose bucket starts at or before <paramref name="to"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Bar>> LastAsync(Instrument instrument, BarPeriod period, DateTime to, int count, CancellationToken cancellationToken) =>
        (await PageAsync(instrument, period, DateTime.UnixEpoch, to, count, descending: true, cancellationToken)).Bars.Reverse().ToList();

    private static List<Bar> Aggregate(List<Bar> rows, BarPeriod period, BarBuckets buckets, bool descending)
    {
        if (descending)
        {
            rows.Reverse();
        }

        var bars = BarAggregator.Resample(rows, period, buckets).ToList();
        if (descending)
        {
            bars.Reverse();
        }

        return bars;
    }

    private static Bar ToBar(InstrumentId instrument, BarEntity row) => new(
        instrument, new BarPeriod(TimeSpan.FromSeconds(row.PeriodSeconds)), DateTime.SpecifyKind(row.OpenTime, DateTimeKind.Utc), row.Open, row.High, row.Low, row.Close, row.Volume);
}
