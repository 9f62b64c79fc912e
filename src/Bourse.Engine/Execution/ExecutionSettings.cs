using Bourse.Engine.OrderBook;
using Bourse.Sdk.Identifiers;

namespace Bourse.Engine.Execution;

/// <summary>
/// How a run's simulated venue fills orders: the fill model, latency, slippage and fees (part of
/// <see cref="Runs.RunSettings"/>). Prices in quote currency, quantities in base units, fees in the account currency.
/// </summary>
/// <param name="FillModel">Bar (default), Tick, or OrderBook (on the replayed book of the run's only instrument, fed by <see cref="Runs.TradingRun.OnOrderBook"/>).</param>
/// <param name="FillOnTouch">Fill resting limit orders when the price touches the limit (default: only when it trades through).</param>
/// <param name="MaxBarVolumeShare">Bar model: largest share (0..1] of a bar's volume one order fills on that bar; null = no cap.</param>
/// <param name="Latency">Delay before orders, modifications and cancels reach the venue (nothing fills before an order arrives); zero by default.</param>
/// <param name="SlippageTicks">Slippage of market-like taker fills, in ticks of the instrument (ignored when <paramref name="SlippageBps"/> is set).</param>
/// <param name="SlippageBps">Slippage of market-like taker fills, in basis points of the price.</param>
/// <param name="MakerFeeBps">Fee of maker fills, basis points of notional; null = the run's FeeBps.</param>
/// <param name="TakerFeeBps">Fee of taker fills, basis points of notional; null = the run's FeeBps.</param>
/// <param name="FeePerShare">When set, a fee per unit (share) replaces the basis-point fees.</param>
/// <param name="FeeMinimumPerOrder">Per-share fees: least commission of one order.</param>
/// <param name="FeeMaximumPerOrder">Per-share fees: largest commission of one order; null = none.</param>
public sealed record ExecutionSettings(
    FillModelKind FillModel = FillModelKind.Bar,
    bool FillOnTouch = false,
    decimal? MaxBarVolumeShare = null,
    TimeSpan Latency = default,
    int SlippageTicks = 0,
    decimal SlippageBps = 0m,
    decimal? MakerFeeBps = null,
    decimal? TakerFeeBps = null,
    decimal? FeePerShare = null,
    decimal FeeMinimumPerOrder = 0m,
    decimal? FeeMaximumPerOrder = null)
{
    /// <summary>Bar fills on trade-through, no volume cap, no latency, no slippage, the run's FeeBps for makers and takers.</summary>
    public static ExecutionSettings Default { get; } = new();

    /// <summary>Returns the reason the settings are invalid (naming the field), or null.</summary>
    public string? Problem() => this switch
    {
        { MaxBarVolumeShare: <= 0m or > 1m } => "maxBarVolumeShare must be in (0, 1]",
        { Latency.Ticks: < 0 } => "latency must not be negative",
        { SlippageTicks: < 0 } => "slippageTicks must not be negative",
        { SlippageBps: < 0m } => "slippageBps must not be negative",
        { MakerFeeBps: < 0m } => "makerFeeBps must not be negative",
        { TakerFeeBps: < 0m } => "takerFeeBps must not be negative",
        { FeePerShare: < 0m } => "feePerShare must not be negative",
        { FeeMinimumPerOrder: < 0m } => "feeMinimumPerOrder must not be negative",
        { FeeMaximumPerOrder: { } max } when max < FeeMinimumPerOrder => "feeMaximumPerOrder must be at least feeMinimumPerOrder",
        _ => null,
    };

    /// <summary>The fill model these settings select for a run trading <paramref name="instruments"/>.</summary>
    /// <exception cref="ArgumentException">OrderBook is selected and the run does not trade exactly one instrument (the model follows one book).</exception>
    public IFillModel CreateFillModel(IReadOnlyList<Instrument> instruments) => FillModel switch
    {
        FillModelKind.Bar => new BarFillModel(FillOnTouch, MaxBarVolumeShare),
        FillModelKind.Tick => new TickFillModel(FillOnTouch),
        _ => OrderBookFillModel.ForSingleInstrument(instruments),
    };

    /// <summary>The fee model: per share when <see cref="FeePerShare"/> is set, else maker/taker basis points (defaulting to <paramref name="feeBps"/>).</summary>
    public IFeeModel CreateFeeModel(decimal feeBps) => FeePerShare is { } perShare
        ? new PerShareFeeModel(perShare, FeeMinimumPerOrder, FeeMaximumPerOrder)
        : new MakerTakerFeeModel(MakerFeeBps ?? feeBps, TakerFeeBps ?? feeBps);

    /// <summary>The slippage model: basis points when set, else ticks when set, else none.</summary>
    public ISlippageModel CreateSlippageModel() => (SlippageBps, SlippageTicks) switch
    {
        ( > 0m, _) => new BasisPointSlippage(SlippageBps),
        (_, > 0) => new FixedTickSlippage(SlippageTicks),
        _ => NoSlippage.Instance,
    };
}
