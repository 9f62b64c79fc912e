using Bourse.Engine.Runs;

namespace Bourse.Engine.Risk;

/// <summary>
/// The trading state of one run: its own state (set by loss-limit breaches, an operator or the kill switch) and the
/// last seen state of the shared account, if any; orders obey the stricter of the two. A state set by a breach returns
/// to Active at the next trading day; one set by an operator or a kill switch stays until changed. Every change is a
/// <see cref="TradingStateChanged"/> event and is counted.
/// </summary>
internal sealed class RunTradingState(RunEventStream events, RiskCounters counters, AccountTradingState? account)
{
    private long _accountVersion = -1;
    private long _accountKills;
    private TradingState _accountState = TradingState.Active;
    private string _accountReason = "";

    /// <summary>True when the run trades for a shared account whose state it follows (<see cref="SyncAccount"/>).</summary>
    public bool FollowsAccount => account is not null;

    public TradingState Own { get; private set; } = TradingState.Active;

    public string OwnReason { get; private set; } = "";

    /// <summary>True when <see cref="Own"/> was set by a loss-limit breach (so it resets at the next trading day).</summary>
    public bool SetByBreach { get; private set; }

    public TradingState Effective => TradingStates.Strictest(Own, _accountState);

    /// <summary>Why <see cref="Effective"/> is what it is.</summary>
    public string EffectiveReason => Own >= _accountState ? OwnReason : $"account: {_accountReason}";

    /// <summary>Sets the run's own state; setting the current state again does nothing.</summary>
    public void Set(TradingState to, string reason, DateTime now, bool byBreach = false)
    {
        if (to == Own)
        {
            return;
        }

        var from = Own;
        Own = to;
        OwnReason = reason;
        SetByBreach = byBreach && to != TradingState.Active;
        counters.StateChanges++;
        events.Publish(new TradingStateChanged(events.RunId, events.Next(), now, TradingStateScope.Run, from, to, reason));
    }

    /// <summary>Moves to the breach's state unless the run is already at least as strict.</summary>
    public void Breach(LimitBreachAction action, string reason, DateTime now)
    {
        var target = action.Target();
        if (target > Own)
        {
            Set(target, reason, now, byBreach: true);
        }
    }

    /// <summary>At a new trading day, a breach state returns to Active.</summary>
    public void NewDay(DateTime now)
    {
        if (SetByBreach)
        {
            Set(TradingState.Active, $"new trading day: the {Own.ToString().ToLowerInvariant()} state set by a loss limit ({OwnReason}) is lifted", now);
        }
    }

    /// <summary>
    /// Reads the shared account (one volatile read when nothing changed) and publishes a change of its state. Returns
    /// the kill request the account received since the last call, if any (the run carries it out).
    /// </summary>
    public (bool Flatten, string Reason)? SyncAccount(DateTime now)
    {
        if (account is null)
        {
            return null;
        }

        var snapshot = account.Read();
        if (snapshot.Version == _accountVersion)
        {
            return null;
        }

        _accountVersion = snapshot.Version;
        if (snapshot.State != _accountState)
        {
            var from = _accountState;
            _accountState = snapshot.State;
            _accountReason = snapshot.Reason;
            counters.StateChanges++;
            events.Publish(new TradingStateChanged(events.RunId, events.Next(), now, TradingStateScope.Account, from, snapshot.State, snapshot.Reason));
        }

        if (snapshot.Kills == _accountKills)
        {
            return null;
        }

        _accountKills = snapshot.Kills;
        return (snapshot.KillFlattens, snapshot.KillReason);
    }
}
