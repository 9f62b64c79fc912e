using Bourse.Engine.Clock;
using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Sdk.Signals;
using Bourse.Sdk.Strategies;

namespace Bourse.Engine.Tests;

/// <summary>Builders for instruments, bars and settings used across the engine tests.</summary>
internal static class Kit
{
    public static readonly InstrumentId Spy = InstrumentId.Parse("SPY.NASDAQ");
    public static readonly InstrumentId Qqq = InstrumentId.Parse("QQQ.NASDAQ");
    public static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSD.COINBASE");
    public static readonly DateTime T0 = new(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc);
    public static readonly RunId Run = new(new Guid("11111111-2222-3333-4444-555555555555"));

    public static Bar Bar(int minute, decimal open, decimal high, decimal low, decimal close, InstrumentId? instrument = null, DateTime? start = null) =>
        new Bar(instrument ?? Spy, BarPeriod.OneMinute, (start ?? T0).AddMinutes(minute), open, high, low, close, 1000m).Validated();

    /// <summary>A flat bar at one price.</summary>
    public static Bar Flat(int minute, decimal price, InstrumentId? instrument = null, DateTime? start = null) =>
        Bar(minute, price, price, price, price, instrument, start);

    public static RunSettings Settings(RiskSettings? risk = null, decimal feeBps = 0m, int maxErrors = 10, decimal cash = 100_000m) =>
        new(Run, [Instrument.Equity(Spy), Instrument.Equity(Qqq), Instrument.Crypto(Btc)], risk ?? RiskSettings.Default, cash, "USD", feeBps, maxErrors);
}

/// <summary>Collects every event of a run.</summary>
internal sealed class RecordingSink : IRunEventSink
{
    public List<RunEvent> Events { get; } = [];

    public void Publish(RunEvent runEvent) => Events.Add(runEvent);

    public IEnumerable<T> Orders<T>() where T : OrderEvent => Events.OfType<OrderEventRecorded>().Select(e => e.Event).OfType<T>();

    public IEnumerable<T> Of<T>() where T : RunEvent => Events.OfType<T>();
}

/// <summary>A strategy driven by lambdas; exposes its context so tests can act as the strategy.</summary>
internal sealed class ScriptedStrategy : Strategy
{
    public Action<ScriptedStrategy, Bar>? OnBarAction { get; set; }

    public Action<ScriptedStrategy>? OnStartAction { get; set; }

    public Action<ScriptedStrategy, TimerEvent>? OnTimerAction { get; set; }

    public Action<ScriptedStrategy, TradeTick>? OnTradeAction { get; set; }

    public List<TradeTick> Trades { get; } = [];

    public List<QuoteTick> Quotes { get; } = [];

    public List<OrderFilled> Fills { get; } = [];

    public List<OrderRejected> Rejections { get; } = [];

    public List<TimerEvent> Timers { get; } = [];

    public int StopCalls { get; private set; }

    public IStrategyContext Ctx => Context;

    public override void OnStart() => OnStartAction?.Invoke(this);

    public override void OnBar(Bar bar) => OnBarAction?.Invoke(this, bar);

    public override void OnTrade(TradeTick trade)
    {
        Trades.Add(trade);
        OnTradeAction?.Invoke(this, trade);
    }

    public override void OnQuote(QuoteTick quote) => Quotes.Add(quote);

    public override void OnOrderFilled(OrderFilled fill) => Fills.Add(fill);

    public override void OnOrderRejected(OrderRejected rejection) => Rejections.Add(rejection);

    public List<OrderEvent> CommandRejections { get; } = [];

    public override void OnOrderCommandRejected(OrderEvent rejection) => CommandRejections.Add(rejection);

    public override void OnTimer(TimerEvent timer)
    {
        Timers.Add(timer);
        OnTimerAction?.Invoke(this, timer);
    }

    public override void OnStop() => StopCalls++;

    public ClientOrderId Submit(OrderRequest request) => Context.SubmitOrder(request);

    public void Signal(Signal signal) => Context.EmitSignal(signal);
}

/// <summary>A started run on a simulated clock, fed bar by bar.</summary>
internal sealed class Harness
{
    public Harness(RunSettings? settings = null, ScriptedStrategy? strategy = null)
    {
        Strategy = strategy ?? new ScriptedStrategy();
        Clock = new SimulatedClock(Kit.T0);
        Run = new TradingRun(settings ?? Kit.Settings(), Strategy, Clock, Sink);
        Run.Start();
    }

    public ScriptedStrategy Strategy { get; }

    public SimulatedClock Clock { get; }

    public RecordingSink Sink { get; } = new();

    public TradingRun Run { get; }

    public IStrategyContext Ctx => Strategy.Ctx;

    /// <summary>Sets the clock to the bar's close and delivers it.</summary>
    public Harness Feed(params Bar[] bars)
    {
        foreach (var bar in bars)
        {
            Clock.SetUtcNow(bar.CloseTime);
            Run.OnBar(bar);
        }

        return this;
    }

    /// <summary>Submits as the strategy would, between bars.</summary>
    public ClientOrderId Submit(OrderRequest request) => Strategy.Submit(request);

    public OrderRejected LastRejection() => Sink.Orders<OrderRejected>().Last();
}
