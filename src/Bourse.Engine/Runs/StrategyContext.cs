using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Portfolio;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;
using Bourse.Sdk.Values;

namespace Bourse.Engine.Runs;

/// <summary>The engine side of a strategy: forwards every command to its <see cref="TradingRun"/>.</summary>
internal sealed class StrategyContext(TradingRun run) : IStrategyContext
{
    public RunId RunId => run.Settings.RunId;

    public DateTime UtcNow => run.UtcNow;

    public IReadOnlyList<Instrument> Instruments => run.Settings.Instruments;

    public IPortfolioView Portfolio => run.Portfolio;

    public IReadOnlyList<ClientOrderId> OpenOrders => run.OpenOrders;

    public ClientOrderId SubmitOrder(OrderRequest request) => run.SubmitOrder(request);

    public IReadOnlyList<ClientOrderId> SubmitOrderList(OrderList list) => run.SubmitOrderList(list);

    public void ModifyOrder(ClientOrderId orderId, Quantity? quantity = null, Price? limitPrice = null, Price? triggerPrice = null) =>
        run.ModifyOrder(orderId, quantity, limitPrice, triggerPrice);

    public void CancelOrder(ClientOrderId orderId) => run.CancelOrder(orderId);

    public void CancelAllOrders(InstrumentId? instrument = null) => run.CancelAllOrders(instrument);

    public void EmitSignal(Signal signal) => run.EmitSignal(signal);

    public void Log(StrategyLogLevel level, string message) => run.Log(level, message);

    public void SetTimer(string name, TimeSpan interval) => run.SetTimer(name, interval);

    public void CancelTimer(string name) => run.CancelTimer(name);
}
