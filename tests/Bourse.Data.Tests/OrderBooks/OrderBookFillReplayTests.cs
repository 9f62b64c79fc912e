using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Bourse.Data.OrderBooks;
using Bourse.Engine.Clock;
using Bourse.Engine.Execution;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;
using Bourse.Testing;

namespace Bourse.Data.Tests.OrderBooks;

/// <summary>The order-book fill model in a run replaying the real Bybit XRPUSDT book.</summary>
public sealed class OrderBookFillReplayTests
{
    private static readonly string BybitFile = RepositoryPaths.Shared("nautilus/bybit/xrpusdt-ob500.data.zip");
    private static readonly InstrumentId Xrp = new("XRPUSDT", "BYBIT");

    [Fact]
    public void A_market_buy_on_the_real_book_fills_at_the_average_of_the_asks_it_walks()
    {
        var asks = AsksAfterTwoMessages();
        var third = Math.Floor(asks[2].Size / 2m);
        var wanted = asks[0].Size + asks[1].Size + third;
        var strategy = new BuyOnFirstBook(wanted);
        var run = new TradingRun(
            new RunSettings(RunId.New(), [new Instrument(Xrp, AssetClass.Crypto, "USDT", 0.0001m, 1m)], RiskSettings.Default, 1_000_000m, "USDT", 0m,
                Execution: new ExecutionSettings(FillModel: FillModelKind.OrderBook)),
            strategy, new SimulatedClock(new DateTime(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc)), new NullSink());
        run.Start();

        foreach (var message in BybitOrderBookReader.Read(BybitFile))
        {
            run.OnOrderBook(message);
        }

        var fill = Assert.Single(strategy.Fills);
        var expected = ((asks[0].Price * asks[0].Size) + (asks[1].Price * asks[1].Size) + (asks[2].Price * third)) / wanted;
        Assert.Equal(wanted, fill.FillQuantity.Value);
        Assert.Equal(expected, fill.FillPrice.Value);
        Assert.False(fill.IsMaker);
        Assert.Equal(wanted, run.Portfolio.Position(Xrp).NetQuantity);
    }

    /// <summary>The ask side after the snapshot and the first delta (the order arrives with the snapshot and fills on the delta), read straight from the JSON.</summary>
    private static List<(decimal Price, decimal Size)> AsksAfterTwoMessages()
    {
        using var zip = ZipFile.OpenRead(BybitFile);
        using var reader = new StreamReader(zip.Entries[0].Open());
        var asks = new SortedDictionary<decimal, decimal>();
        for (var line = 0; line < 2; line++)
        {
            using var json = JsonDocument.Parse(reader.ReadLine()!);
            foreach (var level in json.RootElement.GetProperty("data").GetProperty("a").EnumerateArray())
            {
                asks[Number(level[0].GetString()!)] = Number(level[1].GetString()!);
            }
        }

        return asks.Where(a => a.Value > 0m).Select(a => (a.Key, a.Value)).ToList();
    }

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Sends one market buy on the first book message (the snapshot); it fills on the next one.</summary>
    private sealed class BuyOnFirstBook(decimal quantity) : Strategy
    {
        public List<OrderFilled> Fills { get; } = [];

        public override void OnOrderBook(OrderBookMessage message)
        {
            if (message is OrderBookSnapshot)
            {
                SubmitOrder(OrderRequest.Market(Xrp, Side.Buy, quantity));
            }
        }

        public override void OnOrderFilled(OrderFilled fill) => Fills.Add(fill);
    }

    private sealed class NullSink : IRunEventSink
    {
        public void Publish(RunEvent runEvent)
        {
        }
    }
}
