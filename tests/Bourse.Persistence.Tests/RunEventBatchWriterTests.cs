using System.Data.Common;
using Bourse.Engine.Risk;
using Bourse.Engine.Runs;
using Bourse.Persistence.Writing;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;
using Bourse.Sdk.Values;
using Bourse.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.Persistence.Tests;

public sealed class RunEventBatchWriterTests
{
    private static readonly string[] Tables = ["runs", "signals", "orders", "fills", "positions", "execution_logs"];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [DatabaseFact("sqlite")]
    public Task On_SQLite_the_prepared_statement_writer_stores_exactly_the_rows_EF_stores_for_the_same_real_run_events() =>
        StoresExactlyTheRowsEfStoresAsync("sqlite");

    [DatabaseFact("postgres")]
    public Task On_PostgreSQL_the_binary_COPY_writer_stores_exactly_the_rows_EF_stores_for_the_same_real_run_events() =>
        StoresExactlyTheRowsEfStoresAsync("postgres");

    [DatabaseFact("sqlite")]
    public Task On_SQLite_a_batch_the_database_refuses_leaves_nothing_and_the_same_batch_written_again_is_exact() =>
        RefusedBatchLeavesNothingAsync("sqlite");

    [DatabaseFact("postgres")]
    public Task On_PostgreSQL_a_batch_the_database_refuses_leaves_nothing_and_the_same_batch_written_again_is_exact() =>
        RefusedBatchLeavesNothingAsync("postgres");

    private async Task StoresExactlyTheRowsEfStoresAsync(string provider)
    {
        var (ema, marketMaker, events) = RecordedEvents();
        Assert.Contains(events, e => e is OrderEventRecorded { Event: Bourse.Sdk.Orders.OrderCanceled });
        Assert.Contains(events, e => e is PositionChanged);
        Assert.Contains(events, e => e is SignalRecorded);
        await using var fast = await ScratchDatabase.CreateAsync(provider, [ema.Value, marketMaker.Value]);
        await using var reference = await ScratchDatabase.CreateAsync(provider, [ema.Value, marketMaker.Value]);

        // Two writer instances, as across a restart: the second finds the working orders of the first in the database.
        var half = events.Count / 2;
        await using (var writer = new RunEventBatchWriter(fast.Factory, _clock))
        {
            foreach (var batch in events.Take(half).Chunk(1_000))
            {
                await writer.WriteAsync(batch, CancellationToken.None);
            }
        }

        await using (var writer = new RunEventBatchWriter(fast.Factory, _clock))
        {
            foreach (var batch in events.Skip(half).Chunk(1_000))
            {
                await writer.WriteAsync(batch, CancellationToken.None);
            }
        }

        var ef = new EfReference(new RunEventProjector(_clock));
        foreach (var batch in events.Chunk(1_000))
        {
            await using var db = reference.Open();
            await ef.WriteAsync(db, batch);
        }

        foreach (var table in Tables)
        {
            var expected = await reference.RowsAsync(table);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await fast.RowsAsync(table));
        }
    }

    private async Task RefusedBatchLeavesNothingAsync(string provider)
    {
        var (ema, marketMaker, events) = RecordedEvents();
        var runs = new[] { ema.Value, marketMaker.Value };
        await using var fast = provider == "sqlite" ? await ScratchDatabase.CreateAsync(runs, "Default Timeout=1") : await ScratchDatabase.CreateAsync(provider, runs);
        await using var reference = await ScratchDatabase.CreateAsync(provider, runs);
        var batches = events.Chunk(2_000).ToList();
        Assert.Contains(batches[1], e => e is OrderEventRecorded { Event: Bourse.Sdk.Orders.OrderFilled });
        await using var writer = new RunEventBatchWriter(fast.Factory, _clock);
        await writer.WriteAsync(batches[0], CancellationToken.None);
        var before = await AllRowsAsync(fast);

        // SQLite: another connection holds the write lock (SQLITE_BUSY); PostgreSQL: a trigger refuses the batch's fills.
        await using (await fast.RefuseWritesAsync())
        {
            await Assert.ThrowsAnyAsync<DbException>(() => writer.WriteAsync(batches[1], CancellationToken.None));
            Assert.Equal(before, await AllRowsAsync(fast));
        }

        foreach (var batch in batches.Skip(1))
        {
            await writer.WriteAsync(batch, CancellationToken.None);
        }

        var ef = new EfReference(new RunEventProjector(_clock));
        foreach (var batch in batches)
        {
            await using var db = reference.Open();
            await ef.WriteAsync(db, batch);
        }

        Assert.Equal(await AllRowsAsync(reference), await AllRowsAsync(fast));
    }

    [DatabaseFact("sqlite")]
    public async Task Events_of_a_run_without_a_row_are_skipped_and_the_others_written()
    {
        var (ema, _, events) = RecordedEvents();
        await using var database = await ScratchDatabase.CreateAsync([ema.Value]);
        await using var writer = new RunEventBatchWriter(database.Factory, _clock);
        var applied = 0;
        foreach (var batch in events.Chunk(1_000))
        {
            applied += await writer.WriteAsync(batch, CancellationToken.None);
        }

        Assert.Equal(events.Count(e => e.RunId == ema), applied);
        await using var db = database.Open();
        Assert.Equal(db.Orders.Count(), db.Orders.Count(o => o.RunId == ema.Value));
        Assert.True(db.Orders.Any());
    }

    /// <summary>
    /// The EMA crossover and the market maker on the first 2,000 and 500 real SPY minute bars, their events interleaved bar by bar as two live
    /// runs publish them, plus one event of every kind a backtest does not publish and a final metrics sample for each, and two
    /// orders held in the first half (children of a bracket) that are submitted and rejected in the second half (after the
    /// restart of the writer in the row-for-row test, whose second writer must find their stored rows).
    /// </summary>
    private static (RunId Ema, RunId MarketMaker, List<RunEvent> Events) RecordedEvents()
    {
        var ema = RunId.New();
        var marketMaker = RunId.New();
        var (emaEvents, emaStatistics) = RecordedRuns.EmaCrossover(ema, 2_000);
        var (mmEvents, mmStatistics) = RecordedRuns.MarketMaker(marketMaker, 500);
        var events = emaEvents.Chunk(7).Zip(mmEvents.Chunk(13)).SelectMany(p => p.First.Concat(p.Second)).ToList();
        events.AddRange(emaEvents.Skip(events.Count(e => e.RunId == ema)));
        events.AddRange(mmEvents.Skip(events.Count(e => e.RunId == marketMaker)));

        var at = emaEvents[^1].Timestamp;
        var spy = emaEvents.OfType<PositionChanged>().First().Position.Instrument;
        var stopped = events.FindIndex(e => e is RunStopped && e.RunId == ema);
        events.InsertRange(stopped, [
            new StrategyErrored(ema, 0, at, "OnBar", "InvalidOperationException", "bad state", 1),
            new LogWritten(ema, 0, at, StrategyLogLevel.Warning, "strategy", "spread too wide"),
            new TradingStateChanged(ema, 0, at, TradingStateScope.Run, TradingState.Active, TradingState.Reducing, "daily loss limit reached"),
            new CircuitBreakerTripped(ema, 0, at, spy, 170m, 160.5m, 0.0558823529m, at.AddMinutes(5), "move of 5.6 % in 1 minute"),
            new CircuitBreakerReset(ema, 0, at.AddMinutes(5), spy, "cool-down over"),
            new KillSwitchActivated(ema, 0, at, TradingStateScope.Run, true, 2, 1, "pulled by admin"),
            new MarginCalled(ema, 0, at, "USD", 1_000m, 1_500m, 1, "equity below maintenance margin"),
            new LogWritten(RunId.New(), 0, at, StrategyLogLevel.Info, "strategy", "a run without a row"),
        ]);
        var held = events.Count / 4;
        var heldAt = events[held].Timestamp;
        var parent = new ClientOrderId("bracket-parent");
        var takeProfit = new ClientOrderId("bracket-take-profit");
        var stopLoss = new ClientOrderId("bracket-stop-loss");
        var limit = OrderRequest.Limit(spy, Side.Sell, new Quantity(10m), new Price(175m));
        var stop = new OrderRequest(spy, Side.Sell, OrderType.Stop, new Quantity(10m), TriggerPrice: new Price(160m));
        events.InsertRange(held, [
            new OrderEventRecorded(ema, 0, heldAt, new OrderHeld(takeProfit, spy, heldAt, limit, parent)),
            new OrderEventRecorded(ema, 0, heldAt, new OrderHeld(stopLoss, spy, heldAt, stop, parent)),
        ]);
        events.InsertRange(events.FindIndex(e => e is RunStopped && e.RunId == ema), [
            new OrderEventRecorded(ema, 0, at, new OrderSubmitted(takeProfit, spy, at, limit)),
            new OrderEventRecorded(ema, 0, at, new OrderAccepted(takeProfit, spy, at)),
            new OrderEventRecorded(ema, 0, at, new OrderRejected(stopLoss, spy, at, stop, "stop on the wrong side", "risk")),
        ]);
        events.Add(new RunMetricsSampled(ema, at, emaStatistics, 12.5, 1_234_567));
        events.Add(new RunMetricsSampled(marketMaker, at, mmStatistics, 50.25, 7_654_321));
        return (ema, marketMaker, events);
    }

    private static async Task<List<string>> AllRowsAsync(ScratchDatabase database)
    {
        var rows = new List<string>();
        foreach (var table in Tables)
        {
            rows.AddRange((await database.RowsAsync(table)).Select(r => $"{table}: {r}"));
        }

        return rows;
    }
}
