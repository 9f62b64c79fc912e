using Bourse.Engine.Execution;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;

namespace Bourse.Engine.Tests;

public class BarFillModelTests
{
    private static MarketPoint Point(decimal price, bool continuous) =>
        new(MarketPointKind.BarPath, Kit.T0, price, 1000m, 0m, 0m, 0m, 0m, continuous, false);

    private static FillDecision? Fill(IFillModel model, Side side, decimal? limit, MarketPoint point, bool firstLook = false) =>
        model.TryFill(new MatchingOrder(side, limit, 5m, model.Liquidity(point, side), firstLook), point, out var fill) ? fill : null;

    [Fact]
    public void Limit_fills_on_trade_through_at_the_limit_as_maker_and_not_on_a_touch()
    {
        var model = new BarFillModel();
        Assert.Null(Fill(model, Side.Buy, 95m, Point(95m, continuous: true)));
        Assert.Equal(new FillDecision(96m, 5m, true), Fill(model, Side.Buy, 96m, Point(95m, continuous: true)));
        Assert.Equal(new FillDecision(104m, 5m, true), Fill(model, Side.Sell, 104m, Point(105m, continuous: true)));
    }

    [Fact]
    public void Fill_on_touch_fills_a_limit_at_the_touched_price()
    {
        Assert.Equal(new FillDecision(95m, 5m, true), Fill(new BarFillModel(fillOnTouch: true), Side.Buy, 95m, Point(95m, continuous: true)));
    }

    [Fact]
    public void Gap_through_the_limit_at_the_open_fills_at_the_open_as_taker()
    {
        Assert.Equal(new FillDecision(94m, 5m, false), Fill(new BarFillModel(), Side.Buy, 96m, Point(94m, continuous: false)));
    }

    [Fact]
    public void Volume_cap_limits_one_order_to_a_share_of_the_bar()
    {
        var model = new BarFillModel(maxVolumeShare: 0.002m);
        Assert.Equal(2m, model.Liquidity(Point(100m, false), Side.Buy));
        Assert.Equal(new FillDecision(100m, 2m, false), Fill(model, Side.Buy, null, Point(100m, continuous: false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BarFillModel(maxVolumeShare: 1.5m));
    }

    [Fact]
    public void Intra_bar_path_visits_the_adverse_extreme_first()
    {
        Span<decimal> up = stackalloc decimal[4];
        IntraBarPath.Write(Kit.Bar(0, 100m, 105m, 95m, 101m), up);
        Assert.Equal([100m, 95m, 105m, 101m], up.ToArray());
        Span<decimal> down = stackalloc decimal[4];
        IntraBarPath.Write(Kit.Bar(0, 100m, 105m, 95m, 99m), down);
        Assert.Equal([100m, 105m, 95m, 99m], down.ToArray());
    }

    [Fact]
    public void Capped_market_order_fills_in_parts_over_several_bars()
    {
        var h = new Harness(Ticks.With(new ExecutionSettings(MaxBarVolumeShare: 0.1m))).Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 250m));
        h.Feed(Kit.Flat(1, 100m), Kit.Flat(2, 101m), Kit.Flat(3, 102m));
        var fills = h.Fills(id);
        Assert.Equal([100m, 100m, 50m], fills.Select(f => f.FillQuantity.Value));
        Assert.Equal([100m, 200m, 250m], fills.Select(f => f.CumulativeQuantity.Value));
        Assert.Equal([150m, 50m, 0m], fills.Select(f => f.LeavesQuantity.Value));
        Assert.Equal(["OrderSubmitted", "OrderAccepted", "OrderFilled", "OrderFilled", "OrderFilled"], h.Kinds(id));
    }
}

public class TickFillModelTests
{
    /// <summary>A tick-model run; a first trade gives the risk engine a price for market orders (quotes do not mark).</summary>
    private static Harness TickRun(TimeSpan latency = default) =>
        new Harness(Ticks.With(new ExecutionSettings(FillModel: FillModelKind.Tick, Latency: latency))).Trade(0, 100m, 1m);

    [Fact]
    public void Market_order_fills_at_the_best_ask_up_to_its_size_then_on_the_next_quote()
    {
        var h = TickRun().Quote(0, 99.9m, 100m, 10m, 3m);
        var id = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 5m));
        h.Trade(1, 100m, 50m); // a quoted instrument fills market orders on quotes only
        Assert.Empty(h.Fills());
        h.Quote(2, 100m, 100.05m, 10m, 3m).Quote(3, 100m, 100.1m, 10m, 9m);
        Assert.Equal([(100.05m, 3m), (100.1m, 2m)], h.Fills(id).Select(f => (f.FillPrice.Value, f.FillQuantity.Value)));
        Assert.All(h.Fills(id), f => Assert.False(f.IsMaker));
    }

    [Fact]
    public void One_quotes_size_is_shared_by_orders_oldest_first()
    {
        var h = TickRun().Quote(0, 99.9m, 100m, 10m, 3m);
        var first = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 2m));
        var second = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 2m));
        h.Quote(1, 99.9m, 100m, 10m, 3m);
        Assert.Equal(2m, h.Fills(first).Single().FillQuantity.Value);
        Assert.Equal(1m, h.Fills(second).Single().FillQuantity.Value);
    }

    [Fact]
    public void Resting_limit_fills_only_on_a_trade_through_it_as_maker()
    {
        var h = TickRun().Quote(0, 100m, 100.1m, 10m, 10m);
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 4m, 99.9m));
        h.Quote(1, 99.7m, 99.8m, 10m, 10m); // first look: not marketable at 99.9 vs ask... 99.8 is: takes
        Assert.Equal((99.8m, false), h.Fills(id).Select(f => (f.FillPrice.Value, f.IsMaker)).Single());

        var resting = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 4m, 99.5m));
        h.Quote(2, 99.7m, 99.8m, 10m, 10m).Quote(3, 99.3m, 99.4m, 10m, 10m).Trade(4, 99.5m, 10m);
        Assert.Empty(h.Fills(resting)); // quotes and a touch do not fill a resting limit
        h.Trade(5, 99.4m, 3m);
        var fill = Assert.Single(h.Fills(resting));
        Assert.Equal((99.5m, 3m, true), (fill.FillPrice.Value, fill.FillQuantity.Value, fill.IsMaker));
    }

    [Fact]
    public void Without_quotes_market_orders_fill_at_the_next_trade()
    {
        var h = TickRun().Trade(0, 100m, 5m);
        var id = h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 2m));
        h.Trade(1, 100.2m, 5m);
        Assert.Equal(100.2m, Assert.Single(h.Fills(id)).FillPrice.Value);
    }

    [Fact]
    public void Bars_do_not_match_orders_under_the_tick_model()
    {
        var h = TickRun().Feed(Kit.Flat(0, 100m));
        h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        h.Feed(Kit.Flat(1, 100m));
        Assert.Empty(h.Fills());
    }

    [Fact]
    public void Nothing_fills_before_the_order_reaches_the_venue()
    {
        var h = TickRun(TimeSpan.FromSeconds(30)).Trade(0, 100m, 5m);
        var id = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        Assert.Equal(["OrderSubmitted"], h.Kinds(id));
        h.Trade(10, 100m, 5m);
        Assert.Empty(h.Fills());
        h.Trade(31, 100.3m, 5m);
        Assert.Equal(["OrderSubmitted", "OrderAccepted", "OrderFilled"], h.Kinds(id));
        Assert.Equal(100.3m, h.Fills(id).Single().FillPrice.Value);
    }

    [Fact]
    public void A_cancel_in_flight_does_not_stop_a_fill_before_it_arrives()
    {
        var h = TickRun(TimeSpan.FromSeconds(30)).Trade(0, 100m, 5m);
        var id = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 99m));
        h.Trade(31, 100m, 5m); // arrives
        h.Ctx.CancelOrder(id);
        h.Trade(40, 98m, 5m); // the cancel arrives at 61 s
        Assert.Single(h.Fills(id));
        h.Trade(70, 98m, 5m);
        Assert.Equal("cannot cancel: cannot Cancel an order that is Filled", h.Sink.Orders<OrderCancelRejected>().Single().Reason);
    }

    [Fact]
    public void Latency_on_bars_skips_the_bar_that_opens_before_the_order_arrives()
    {
        var h = new Harness(Ticks.With(new ExecutionSettings(Latency: TimeSpan.FromSeconds(1)))).Feed(Kit.Flat(0, 100m));
        var id = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        h.Feed(Kit.Flat(1, 101m));
        Assert.Empty(h.Fills());
        h.Feed(Kit.Flat(2, 102m));
        Assert.Equal(102m, Assert.Single(h.Fills(id)).FillPrice.Value);
    }
}

public class SlippageAndFeeTests
{
    private static readonly Instrument Spy = Instrument.Equity(Kit.Spy);

    [Fact]
    public void Fixed_tick_slippage_moves_market_fills_against_the_order_but_not_limit_fills()
    {
        var h = new Harness(Ticks.With(new ExecutionSettings(SlippageTicks: 2))).Feed(Kit.Flat(0, 100m));
        var buy = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 1m));
        var sell = h.Submit(OrderRequest.Market(Kit.Spy, Side.Sell, 1m));
        var limit = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 1m, 99m));
        h.Feed(Kit.Bar(1, 100m, 100m, 98m, 99m));
        Assert.Equal(100.02m, h.Fills(buy).Single().FillPrice.Value);
        Assert.Equal(99.98m, h.Fills(sell).Single().FillPrice.Value);
        Assert.Equal(99m, h.Fills(limit).Single().FillPrice.Value);
    }

    [Fact]
    public void Basis_point_slippage_rounds_to_the_tick_against_the_order()
    {
        var slippage = new BasisPointSlippage(3m);
        Assert.Equal(100.05m, slippage.Apply(Spy, Side.Buy, 100.01m)); // 100.040003 → up to the tick
        Assert.Equal(99.97m, slippage.Apply(Spy, Side.Sell, 100.01m)); // 99.979997 → down to the tick
        Assert.Equal(100.03m, slippage.Apply(Spy, Side.Buy, 100m)); // exactly on a tick
        Assert.Throws<ArgumentOutOfRangeException>(() => new BasisPointSlippage(-1m));
    }

    [Fact]
    public void Maker_and_taker_fills_pay_their_own_basis_points()
    {
        var fees = new MakerTakerFeeModel(makerBps: 1m, takerBps: 5m);
        Assert.Equal(0.1m, fees.Commission(new FeeInput(Spy, 100m, 10m, IsMaker: true, 0m, 0m)));
        Assert.Equal(0.5m, fees.Commission(new FeeInput(Spy, 100m, 10m, IsMaker: false, 0m, 0m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MakerTakerFeeModel(-1m, 0m));
    }

    [Fact]
    public void Run_charges_the_maker_rate_on_a_resting_limit_and_the_taker_rate_on_a_market_order()
    {
        var h = new Harness(Ticks.With(new ExecutionSettings(MakerFeeBps: 1m, TakerFeeBps: 10m))).Feed(Kit.Flat(0, 100m));
        var market = h.Submit(OrderRequest.Market(Kit.Spy, Side.Buy, 10m));
        var limit = h.Submit(OrderRequest.Limit(Kit.Spy, Side.Buy, 10m, 99m));
        h.Feed(Kit.Bar(1, 100m, 100m, 98m, 99m));
        Assert.Equal(1m, h.Fills(market).Single().Commission.Amount); // 100 × 10 × 10 bp
        Assert.Equal(0.099m, h.Fills(limit).Single().Commission.Amount); // 99 × 10 × 1 bp
    }

    [Fact]
    public void Per_share_fee_applies_its_minimum_and_maximum_per_order_across_partial_fills()
    {
        var fees = new PerShareFeeModel(0.005m, minimumPerOrder: 1m, maximumPerOrder: 2m);
        Assert.Equal(1m, fees.Commission(new FeeInput(Spy, 50m, 100m, false, 0m, 0m))); // 0.50 → the 1.00 minimum
        Assert.Equal(0m, fees.Commission(new FeeInput(Spy, 50m, 100m, false, 100m, 1m))); // 1.00 total, already paid
        Assert.Equal(0.5m, fees.Commission(new FeeInput(Spy, 50m, 100m, false, 200m, 1m))); // 1.50 total
        Assert.Equal(0.5m, fees.Commission(new FeeInput(Spy, 50m, 1000m, false, 300m, 1.5m))); // 6.50 → capped at 2.00
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerShareFeeModel(0.005m, 2m, 1m));
    }

    [Fact]
    public void Invalid_execution_settings_fail_the_run_with_the_field()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Harness(Ticks.With(new ExecutionSettings(MaxBarVolumeShare: 0m))));
        Assert.Contains("maxBarVolumeShare", ex.Message, StringComparison.Ordinal);
    }
}
