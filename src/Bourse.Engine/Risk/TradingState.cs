namespace Bourse.Engine.Risk;

/// <summary>What orders a run or an account may send.</summary>
public enum TradingState
{
    /// <summary>Every order that passes the pre-trade checks.</summary>
    Active,

    /// <summary>Only orders that reduce an open position without reversing it (no new exposure).</summary>
    Reducing,

    /// <summary>No orders at all (kill-switch flattening orders excepted).</summary>
    Halted,
}

/// <summary>Whether a trading state belongs to one run or to the account several runs share.</summary>
public enum TradingStateScope
{
    /// <summary>The state of one run.</summary>
    Run,

    /// <summary>The state of the account shared by the runs that hold the same <see cref="AccountTradingState"/>.</summary>
    Account,
}

/// <summary>What a breached loss limit does to the run's trading state until the next trading day.</summary>
public enum LimitBreachAction
{
    /// <summary>Move to <see cref="TradingState.Reducing"/>.</summary>
    Reduce,

    /// <summary>Move to <see cref="TradingState.Halted"/>.</summary>
    Halt,
}

/// <summary>Helpers on <see cref="TradingState"/>.</summary>
public static class TradingStates
{
    /// <summary>The stricter of two states (Halted over Reducing over Active).</summary>
    public static TradingState Strictest(TradingState a, TradingState b) => a > b ? a : b;

    /// <summary>The state a breach action moves to.</summary>
    public static TradingState Target(this LimitBreachAction action) =>
        action == LimitBreachAction.Halt ? TradingState.Halted : TradingState.Reducing;
}
