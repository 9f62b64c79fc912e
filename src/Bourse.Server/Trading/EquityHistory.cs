using Bourse.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Trading;

/// <summary>
/// An account's equity at past instants, computed from what is stored, never estimated: the cash is the starting cash
/// plus every fill's cash flow up to the instant (<see cref="BrokerTrade.CashFlow"/>), each position (the fills' net
/// quantity) is marked to the close of its instrument's last stored bar that closed by the instant (table <c>bars</c>;
/// before its first such bar, to its last fill price). So at any instant equity = cash + Σ quantity × mark, the same
/// identity as the account's portfolio (for cash instruments, the feed's equities and crypto: a margined instrument's
/// cash moves by its realized P&amp;L instead, which this does not model).
/// The run's own equity curve is not reused: it lives in memory and starts again when the account's run resumes.
/// </summary>
public sealed class EquityHistory(IDbContextFactory<BourseDbContext> contexts, BrokerTrades trades)
{
    /// <summary>The equity of <paramref name="account"/> at each of <paramref name="instants"/> (UTC, ascending), account currency.</summary>
    /// <exception cref="ArgumentException"><paramref name="instants"/> is not ascending.</exception>
    public async Task<IReadOnlyList<decimal>> AtAsync(BrokerAccount account, IReadOnlyList<DateTime> instants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(instants);
        for (var i = 1; i < instants.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(instants[i], instants[i - 1], nameof(instants));
        }

        var executions = await trades.ReadAsync(account, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cash = await db.Runs.AsNoTracking().Where(r => r.Id == account.Id).Select(r => r.StartingCash).SingleAsync(cancellationToken);
        if (instants.Count == 0)
        {
            return [];
        }

        var marks = new Dictionary<string, Marks>();
        foreach (var symbol in executions.Where(t => t.Time <= instants[^1]).Select(t => t.Instrument.ToString()).Distinct())
        {
            marks[symbol] = await Marks.LoadAsync(db, symbol, instants[0], instants[^1], cancellationToken);
        }

        var quantities = marks.Keys.ToDictionary(s => s, _ => 0m);
        var equities = new decimal[instants.Count];
        var next = 0;
        for (var i = 0; i < instants.Count; i++)
        {
            var at = instants[i];
            for (; next < executions.Count && executions[next].Time <= at; next++)
            {
                var trade = executions[next];
                var symbol = trade.Instrument.ToString();
                cash += trade.CashFlow;
                quantities[symbol] += trade.Side == Bourse.Sdk.Orders.Side.Buy ? trade.Quantity : -trade.Quantity;
                marks[symbol].LastFillPrice = trade.Price;
            }

            equities[i] = cash + quantities.Sum(q => q.Value == 0m ? 0m : q.Value * marks[q.Key].At(at));
        }

        return equities;
    }

    /// <summary>One instrument's stored bar closes around a window, for marking positions at instants that move forward.</summary>
    private sealed class Marks(List<(DateTime CloseTime, decimal Close)> closes)
    {
        private int _next;
        private decimal? _close;

        /// <summary>The price of the latest fill applied so far, the mark before any bar closed.</summary>
        public decimal LastFillPrice { get; set; }

        /// <summary>Reads the closes from the last bar that closed before <paramref name="from"/> up to <paramref name="to"/>.</summary>
        public static async Task<Marks> LoadAsync(BourseDbContext db, string symbol, DateTime from, DateTime to, CancellationToken cancellationToken)
        {
            var lookback = from.AddDays(-1); // bars are at most a day long: those opening before this closed before from
            var rows = await db.Bars.AsNoTracking().Where(b => b.Symbol == symbol && b.OpenTime >= lookback && b.OpenTime < to)
                .Select(b => new { b.OpenTime, b.PeriodSeconds, b.Close }).ToListAsync(cancellationToken);
            var earlier = await db.Bars.AsNoTracking().Where(b => b.Symbol == symbol && b.OpenTime < lookback).OrderByDescending(b => b.OpenTime)
                .Select(b => new { b.OpenTime, b.PeriodSeconds, b.Close }).FirstOrDefaultAsync(cancellationToken);
            if (earlier is not null)
            {
                rows.Add(earlier);
            }

            return new Marks([.. rows.Select(r => (r.OpenTime.AddSeconds(r.PeriodSeconds), r.Close)).OrderBy(r => r.Item1)]);
        }

        /// <summary>The close of the last bar that closed by <paramref name="at"/> (called with instants that never go back), else the last fill price.</summary>
        public decimal At(DateTime at)
        {
            for (; _next < closes.Count && closes[_next].CloseTime <= at; _next++)
            {
                _close = closes[_next].Close;
            }

            return _close ?? LastFillPrice;
        }
    }
}
