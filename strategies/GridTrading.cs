using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Strategies;
using Bourse.Sdk.Values;

namespace Bourse.Strategies;

/// <summary>Parameters of <see cref="GridTrading"/>.</summary>
public sealed record GridTradingConfig : IValidatableObject
{
    /// <summary>Grid lines on each side of the reference price.</summary>
    [Parameter("Grid lines on each side of the reference price (buy lines below, sell lines above)", Min = 1, Max = 100)]
    public int LevelsPerSide { get; init; } = 5;

    /// <summary>Distance between neighbouring lines in basis points of the reference price.</summary>
    [Parameter("Distance between neighbouring grid lines, in basis points of the reference price (at least one tick)", Min = 0.1, Max = 5000)]
    public decimal SpacingBps { get; init; } = 10m;

    /// <summary>Value of every grid order at the reference price, quote currency.</summary>
    [Parameter("Value of every grid order at the reference price, in the quote currency; the quantity is rounded down to the lot", Min = 0)]
    public decimal OrderNotional { get; init; } = 5_000m;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SpacingBps <= 0m)
        {
            yield return new ValidationResult($"SpacingBps ({SpacingBps}) must be positive", [nameof(SpacingBps)]);
        }

        if (OrderNotional <= 0m)
        {
            yield return new ValidationResult($"OrderNotional ({OrderNotional}) must be positive", [nameof(OrderNotional)]);
        }
    }
}

/// <summary>
/// A neutral grid, per instrument: resting limit orders on a ladder of price lines around a reference price, each
/// re-armed on the other side after it fills, so the strategy earns one line spacing on every down-and-up (or
/// up-and-down) swing.
/// </summary>
/// <remarks>
/// The reference price is the close of the first bar (rounded to the tick); lines sit at reference + i·step for
/// i = −N..N, with step = reference × spacing, rounded down to the tick and at least one tick. At the start every
/// line below the reference holds a buy limit, every line above a sell limit, and the reference line is empty; all
/// orders have the same quantity (notional / reference, rounded down to the lot). When the buy on line i fills, a
/// sell is placed on line i + 1; when the sell on line i fills, a buy is placed on line i − 1. So there is always
/// exactly one empty line, next to the last fill, and the position is (filled buys − filled sells) × quantity: long
/// below the reference, short above it (a neutral grid starts flat and may short). When the price leaves the grid
/// the orders simply wait for it to come back. A rejected order leaves its line empty (logged).
/// </remarks>
[Strategy("Grid Trading",
    Description = "Keeps buy limits below and sell limits above a reference price on a grid of lines and re-arms each line on the other side after it fills.",
    RiskLevel = RiskLevel.Medium,
    Type = StrategyType.MeanReversion)]
public sealed class GridTrading : Strategy<GridTradingConfig>
{
    private readonly Dictionary<InstrumentId, Grid> _grids = [];
    private readonly Dictionary<ClientOrderId, (Grid Grid, int Line)> _orders = [];

    /// <inheritdoc />
    public override void OnBar(Bar bar)
    {
        if (_grids.ContainsKey(bar.Instrument))
        {
            return;
        }

        var instrument = Instruments.First(i => i.Id == bar.Instrument);
        var reference = instrument.RoundDownToTick(bar.Close.Value);
        var step = Math.Max(instrument.TickSize, instrument.RoundDownToTick(reference * Config.SpacingBps / 10_000m));
        var quantity = instrument.RoundDownToLot(Config.OrderNotional / reference);
        var grid = new Grid(bar.Instrument, reference, step, quantity);
        _grids[bar.Instrument] = grid;
        if (quantity <= 0m)
        {
            Log(StrategyLogLevel.Warning, $"{bar.Instrument}: an order of {Config.OrderNotional} at {reference} is less than one lot ({instrument.LotSize}); no grid");
            return;
        }

        for (var line = 1; line <= Config.LevelsPerSide; line++)
        {
            Place(grid, -line, Side.Buy);
            Place(grid, line, Side.Sell);
        }

        Log($"{bar.Instrument}: grid of {2 * Config.LevelsPerSide} lines every {step} around {reference}, {quantity} per order");
    }

    /// <inheritdoc />
    public override void OnOrderFilled(OrderFilled fill)
    {
        if (fill.LeavesQuantity.Value > 0m || !_orders.Remove(fill.OrderId, out var filled))
        {
            return;
        }

        if (fill.Side == Side.Buy)
        {
            Place(filled.Grid, filled.Line + 1, Side.Sell);
        }
        else
        {
            Place(filled.Grid, filled.Line - 1, Side.Buy);
        }
    }

    /// <inheritdoc />
    public override void OnOrderRejected(OrderRejected rejection)
    {
        if (_orders.Remove(rejection.OrderId, out var line))
        {
            Log(StrategyLogLevel.Warning, $"{line.Grid.Instrument}: grid line {line.Line} left empty: {rejection.Reason}");
        }
    }

    private void Place(Grid grid, int line, Side side)
    {
        var price = grid.Reference + (line * grid.Step);
        var id = SubmitOrder(OrderRequest.Limit(grid.Instrument, side, new Quantity(grid.Quantity), new Price(price)) with
        {
            Tag = string.Create(CultureInfo.InvariantCulture, $"grid:{line}"),
        });
        _orders[id] = (grid, line);
    }

    private sealed record Grid(InstrumentId Instrument, decimal Reference, decimal Step, decimal Quantity);
}
