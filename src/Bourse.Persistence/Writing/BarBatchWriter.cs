using Bourse.Persistence.Entities;
using Bourse.Sdk.MarketData;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Persistence.Writing;

/// <summary>
/// Saves feed bars in batches, skipping any bar not newer than the last one stored for its instrument and
/// period (so a restart or a replay loop never stores the same bar twice). Not thread-safe: one writer loop uses it.
/// </summary>
public sealed class BarBatchWriter
{
    private readonly Dictionary<(string Symbol, int Period), DateTime> _lastStored = [];

    /// <summary>Saves the new bars of <paramref name="bars"/> in one transaction; returns how many were stored.</summary>
    /// <exception cref="DbUpdateException">The database refused the batch.</exception>
    public async Task<int> WriteAsync(BourseDbContext db, IReadOnlyList<Bar> bars, CancellationToken cancellationToken)
    {
        var stored = 0;
        foreach (var bar in bars)
        {
            var key = (bar.Instrument.ToString(), (int)bar.Period.Span.TotalSeconds);
            if (!_lastStored.TryGetValue(key, out var last))
            {
                last = await db.Bars.Where(b => b.Symbol == key.Item1 && b.PeriodSeconds == key.Item2)
                    .OrderByDescending(b => b.OpenTime).Select(b => (DateTime?)b.OpenTime)
                    .FirstOrDefaultAsync(cancellationToken) ?? DateTime.MinValue;
            }

            if (bar.OpenTime <= last)
            {
                _lastStored[key] = last;
                continue;
            }

            db.Bars.Add(new BarEntity
            {
                Symbol = key.Item1,
                PeriodSeconds = key.Item2,
                OpenTime = bar.OpenTime,
                Open = bar.Open.Value,
                High = bar.High.Value,
                Low = bar.Low.Value,
                Close = bar.Close.Value,
                Volume = bar.Volume.Value,
            });
            _lastStored[key] = bar.OpenTime;
            stored++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return stored;
    }
}
