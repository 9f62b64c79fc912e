using System.Text.Json;
using System.Text.Json.Nodes;
using Bourse.Data.Feeds;
using Bourse.Data.Files;
using Bourse.Engine.Execution;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Server.Alpaca;
using Bourse.Server.Brokers.Alpaca;
using Bourse.Testing;

namespace Bourse.Server.Tests.Brokers;

/// <summary>
/// The Alpaca execution client's mapping: a run's order terms to Alpaca's order request, and Alpaca's order objects and
/// trade updates to the run's venue reports. The order objects are the sample order object of Alpaca's Orders reference
/// (https://docs.alpaca.markets/reference/orders, the broker API's version with its commission), with the fields a case
/// needs changed: its client_order_id made the run's, its status, quantities and prices.
/// </summary>
public sealed class AlpacaExecutionMappingTests
{
    private const string DocsSampleOrder = """
        {
          "id": "61e69015-8549-4bfd-b9c3-01e75843f47d",
          "client_order_id": "eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4",
          "created_at": "2021-03-16T18:38:01.942282Z",
          "updated_at": "2021-03-16T18:38:01.942282Z",
          "submitted_at": "2021-03-16T18:38:01.937734Z",
          "filled_at": null,
          "expired_at": null,
          "canceled_at": null,
          "failed_at": null,
          "replaced_at": null,
          "replaced_by": null,
          "replaces": null,
          "asset_id": "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415",
          "symbol": "AAPL",
          "asset_class": "us_equity",
          "notional": "500",
          "qty": null,
          "filled_qty": "0",
          "filled_avg_price": null,
          "order_class": "",
          "order_type": "market",
          "type": "market",
          "side": "buy",
          "time_in_force": "day",
          "limit_price": null,
          "stop_price": null,
          "status": "accepted",
          "extended_hours": false,
          "legs": null,
          "trail_percent": null,
          "trail_price": null,
          "hwm": null,
          "commission": "1.25",
          "commission_bps": "100"
        }
        """;

    private static readonly RunId Run = new(new Guid("0f3c2b1a-4d5e-4f60-8a7b-9c0d1e2f3a4b"));
    private static readonly InstrumentId Spy = InstrumentId.Parse("SPY.NASDAQ");
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSD.COINBASE");
    private static readonly ClientOrderId Order1 = new("O-000001");
    private static readonly Lazy<AlpacaSymbols> SampleSymbols = new(() =>
        new AlpacaSymbols(new ReplayFeed(BarFiles.Instruments(RepositoryPaths.SampleData), BarFiles.Read(RepositoryPaths.SampleData), new ReplayOptions(1, false), TimeProvider.System)));

    private readonly AlpacaClientOrderIds _ids = new(Run);

    private static JsonObject Body(AlpacaNewOrder request) => JsonSerializer.SerializeToNode(request, AlpacaJson.Options)!.AsObject();

    /// <summary>The docs' sample order object as the run's order <paramref name="id"/>, with <paramref name="changes"/> applied.</summary>
    private AlpacaOrder Sample(ClientOrderId id, params (string Field, JsonNode? Value)[] changes)
    {
        var order = JsonNode.Parse(DocsSampleOrder)!.AsObject();
        order["client_order_id"] = _ids.For(id);
        order["symbol"] = "SPY";
        order["qty"] = "10";
        order["notional"] = null;
        foreach (var (field, value) in changes)
        {
            order[field] = value;
        }

        return order.Deserialize<AlpacaOrder>(AlpacaJson.Options)!;
    }

    private AlpacaOrderTracker Tracking(OrderRequest terms)
    {
        var tracker = new AlpacaOrderTracker(_ids);
        tracker.Track(Order1, terms);
        return tracker;
    }

    [Fact]
    public void Order_terms_become_alpacas_new_order_with_the_runs_client_order_id_and_decimals_as_strings()
    {
        var market = AlpacaOrderTerms.ToRequest(OrderRequest.Market(Spy, Side.Buy, 10m), SampleSymbols.Value, _ids.For(Order1), out var problem);
        Assert.Null(problem);
        Assert.Equal(
            """{"symbol":"SPY","qty":"10","side":"buy","type":"market","time_in_force":"gtc","client_order_id":"0f3c2b1a4d5e4f608a7b9c0d1e2f3a4b-O-000001"}""",
            Body(market!).ToJsonString());

        var stopLimit = Body(AlpacaOrderTerms.ToRequest(OrderRequest.StopLimit(Btc, Side.Sell, 0.25m, 41_000m, 40_950.5m, TimeInForce.Day), SampleSymbols.Value, "x", out _)!);
        Assert.Equal(("BTC/USD", "0.25", "sell", "stop_limit", "day"), (stopLimit["symbol"]!.GetValue<string>(), stopLimit["qty"]!.GetValue<string>(),
            stopLimit["side"]!.GetValue<string>(), stopLimit["type"]!.GetValue<string>(), stopLimit["time_in_force"]!.GetValue<string>()));
        Assert.Equal(("40950.5", "41000"), (stopLimit["limit_price"]!.GetValue<string>(), stopLimit["stop_price"]!.GetValue<string>()));

        var trailPercent = Body(AlpacaOrderTerms.ToRequest(OrderRequest.TrailingStop(Spy, Side.Sell, 3m, 1.5m, TrailingOffsetType.Percent), SampleSymbols.Value, "x", out _)!);
        Assert.Equal(("trailing_stop", "1.5"), (trailPercent["type"]!.GetValue<string>(), trailPercent["trail_percent"]!.GetValue<string>()));
        Assert.False(trailPercent.ContainsKey("trail_price") || trailPercent.ContainsKey("stop_price"));
        var trailPrice = Body(AlpacaOrderTerms.ToRequest(OrderRequest.TrailingStop(Spy, Side.Sell, 3m, 0.75m) with { TimeInForce = TimeInForce.Ioc }, SampleSymbols.Value, "x", out _)!);
        Assert.Equal(("0.75", "ioc"), (trailPrice["trail_price"]!.GetValue<string>(), trailPrice["time_in_force"]!.GetValue<string>()));

        var closing = AlpacaOrderTerms.ToRequest(new OrderRequest(Spy, Side.Sell, OrderType.Market, 5m, ReduceOnly: true), SampleSymbols.Value, "x", out problem);
        Assert.Null(problem);
        Assert.Equal("sell", closing!.Side);
    }

    [Theory]
    [InlineData("mit", "Alpaca has no MarketIfTouched orders")]
    [InlineData("gtd", "Alpaca has no Gtd time in force")]
    [InlineData("post-only", "Alpaca has no post-only orders")]
    [InlineData("unknown", "the broker has no symbol for QQQ.NASDAQ")]
    public void Terms_alpaca_cannot_take_are_refused_with_the_reason(string terms, string expected)
    {
        var request = terms switch
        {
            "mit" => OrderRequest.MarketIfTouched(Spy, Side.Buy, 1m, 100m),
            "gtd" => OrderRequest.Limit(Spy, Side.Buy, 1m, 100m) with { TimeInForce = TimeInForce.Gtd, ExpireTime = DateTime.UnixEpoch },
            "post-only" => OrderRequest.Limit(Spy, Side.Buy, 1m, 100m) with { PostOnly = true },
            _ => OrderRequest.Market(InstrumentId.Parse("QQQ.NASDAQ"), Side.Buy, 1m),
        };

        Assert.Null(AlpacaOrderTerms.ToRequest(request, SampleSymbols.Value, "x", out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Client_order_ids_carry_the_run_and_map_back_but_not_from_other_runs()
    {
        var id = new ClientOrderId("O-1000000");
        Assert.True(_ids.For(id).Length <= 48);
        Assert.True(_ids.TryParse(_ids.For(id), out var parsed) && parsed == id);
        Assert.False(new AlpacaClientOrderIds(RunId.New()).TryParse(_ids.For(id), out _));
        Assert.False(_ids.TryParse("eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4", out _));
    }

    [Fact]
    public void The_docs_order_object_accepts_the_order_once_and_its_fills_report_each_execution_once_with_the_commission_growth()
    {
        var tracker = Tracking(OrderRequest.Market(Spy, Side.Buy, 10m));

        Assert.Equal([new VenueOrderAccepted(Order1)], tracker.Update(Sample(Order1)));
        Assert.Empty(tracker.Update(Sample(Order1)));

        var partial = Sample(Order1, ("status", "partially_filled"), ("filled_qty", "4"), ("filled_avg_price", "100.5"));
        Assert.Equal([new VenueOrderFilled(Order1, 100.5m, 4m, 1.25m)], tracker.Update(partial, new AlpacaTradeUpdate("partial_fill", partial, 100.5m, 4m)));
        Assert.Empty(tracker.Update(partial, new AlpacaTradeUpdate("partial_fill", partial, 100.5m, 4m)));

        // A read without the update's price: the cumulative average gives the missing execution's price, (100.8 × 10 − 100.5 × 4) / 6.
        var filled = Sample(Order1, ("status", "filled"), ("filled_qty", "10"), ("filled_avg_price", "100.8"), ("commission", "2"));
        Assert.Equal([new VenueOrderFilled(Order1, 101m, 6m, 0.75m)], tracker.Update(filled));
        Assert.Empty(tracker.Update(Sample(Order1, ("status", "canceled"))));
        Assert.Empty(tracker.Open);
    }

    [Fact]
    public void Pending_orders_wait_and_final_statuses_end_the_order()
    {
        var tracker = Tracking(OrderRequest.Limit(Spy, Side.Buy, 10m, 90m));
        Assert.Empty(tracker.Update(Sample(Order1, ("status", "pending_new"), ("limit_price", "90"))));
        Assert.Equal([new VenueOrderAccepted(Order1), new VenueOrderCanceled(Order1, "canceled at the broker")],
            tracker.Update(Sample(Order1, ("status", "canceled"), ("limit_price", "90"))));

        tracker = Tracking(OrderRequest.Limit(Spy, Side.Buy, 10m, 90m));
        Assert.Equal([new VenueOrderAccepted(Order1), new VenueOrderExpired(Order1)], tracker.Update(Sample(Order1, ("status", "expired"), ("limit_price", "90"))));

        tracker = Tracking(OrderRequest.Market(Spy, Side.Buy, 10m));
        Assert.Equal([new VenueOrderRejected(Order1, "rejected by the broker")], tracker.Update(Sample(Order1, ("status", "rejected"))));
        Assert.Empty(tracker.Update(Sample(Order1)));
    }

    [Fact]
    public void A_replace_in_place_or_as_a_new_order_reports_the_new_terms_and_fills_count_on_top_of_the_predecessors()
    {
        var tracker = Tracking(OrderRequest.Limit(Spy, Side.Buy, 10m, 90m));
        Assert.Equal([new VenueOrderAccepted(Order1)], tracker.Update(Sample(Order1, ("limit_price", "90"))));

        var inPlace = Sample(Order1, ("limit_price", "91"));
        Assert.Equal([new VenueOrderReplaced(Order1, 10m, 91m, null)], tracker.Update(inPlace, new AlpacaTradeUpdate("replaced", inPlace)));
        Assert.Equal([new VenueOrderFilled(Order1, 91m, 3m, 1.25m)],
            tracker.Update(Sample(Order1, ("limit_price", "91"), ("status", "partially_filled"), ("filled_qty", "3"), ("filled_avg_price", "91"))));

        // Alpaca's replacement is a new order (a new id, a client order id of Alpaca's making, "replaces" the old id) whose own
        // fills start at zero; its predecessor's "replaced" is no news.
        const string ReplacementId = "2f4b1b7e-9c2a-4f0e-8d6b-0a1b2c3d4e5f";
        var replacement = Sample(Order1, ("id", ReplacementId), ("client_order_id", "c9d8e7f6-0000-4000-8000-alpacamade01"), ("replaces", "61e69015-8549-4bfd-b9c3-01e75843f47d"),
            ("qty", "12"), ("limit_price", "92"));
        Assert.Equal([new VenueOrderReplaced(Order1, 12m, 92m, null)], tracker.Update(replacement));
        Assert.Empty(tracker.Update(Sample(Order1, ("status", "replaced"), ("limit_price", "91"), ("filled_qty", "3"), ("filled_avg_price", "91"))));
        var filled = Sample(Order1, ("id", ReplacementId), ("client_order_id", "c9d8e7f6-0000-4000-8000-alpacamade01"), ("qty", "12"), ("limit_price", "92"),
            ("status", "filled"), ("filled_qty", "9"), ("filled_avg_price", "92"));
        Assert.Equal([new VenueOrderFilled(Order1, 92m, 9m, 1.25m)], tracker.Update(filled, new AlpacaTradeUpdate("fill", filled, 92m, 9m))); // the replacement's own commission
        Assert.Empty(tracker.Open);
    }

    [Fact]
    public void Refusals_on_the_stream_and_orders_of_others_are_reported_or_ignored()
    {
        var tracker = Tracking(OrderRequest.Limit(Spy, Side.Buy, 10m, 90m));
        var order = Sample(Order1, ("limit_price", "90"));
        Assert.Equal([new VenueReplaceRejected(Order1, "the broker refused the replace"), new VenueOrderAccepted(Order1)],
            tracker.Update(order, new AlpacaTradeUpdate("order_replace_rejected", order)));
        Assert.Equal([new VenueCancelRejected(Order1, "the broker refused the cancel")], tracker.Update(order, new AlpacaTradeUpdate("order_cancel_rejected", order)));

        var foreign = JsonNode.Parse(DocsSampleOrder).Deserialize<AlpacaOrder>(AlpacaJson.Options)! with { Id = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" };
        Assert.Empty(tracker.Update(foreign, new AlpacaTradeUpdate("fill", foreign, 100m, 5m)));
        Assert.Equal(new VenueOrderRejected(Order1, "insufficient buying power"), tracker.Refuse(Order1, "insufficient buying power"));
        Assert.Empty(tracker.Update(Sample(Order1, ("status", "filled"), ("filled_qty", "10"), ("filled_avg_price", "90"))));
    }

    [Fact]
    public void A_trade_update_message_reads_with_its_order_and_errors_read_as_alpacas_message()
    {
        var order = JsonNode.Parse(DocsSampleOrder)!;
        order["status"] = "filled";
        order["qty"] = "5";
        order["filled_qty"] = "5";
        order["filled_avg_price"] = "120.07";
        var message = new JsonObject
        {
            ["event"] = "fill",
            ["execution_id"] = "3b4c5d6e-7f80-4a91-b2c3-d4e5f6a7b8c9",
            ["order"] = order,
            ["position_qty"] = "5",
            ["price"] = "120.07",
            ["qty"] = "5",
            ["timestamp"] = "2021-03-16T18:38:02.012345Z",
        };

        var update = message.Deserialize<AlpacaTradeUpdate>(AlpacaJson.Options)!;
        Assert.Equal(("fill", 120.07m, 5m), (update.Event, update.Price, update.Quantity));
        Assert.Equal(("61e69015-8549-4bfd-b9c3-01e75843f47d", "filled", 5m, 120.07m, 1.25m),
            (update.Order.Id, update.Order.Status, update.Order.FilledQuantity, update.Order.FilledAveragePrice, update.Order.Commission));

        Assert.Equal("insufficient buying power", AlpacaJson.ErrorMessage(403, """{"code":40310000,"message":"insufficient buying power"}"""));
        Assert.Equal("upstream timeout", AlpacaJson.ErrorMessage(502, "upstream timeout"));
        Assert.Equal("HTTP 500", AlpacaJson.ErrorMessage(500, ""));
    }
}
