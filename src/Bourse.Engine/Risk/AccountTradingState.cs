namespace Bourse.Engine.Risk;

/// <summary>
/// The trading state of an account, shared by every run that holds the same instance (set it in
/// <c>RunSettings.Account</c>). Thread-safe: an operator (or any run) may change it from any thread; each run reads it
/// on its own loop at its next event (bar, tick or clock tick), publishes the change as a
/// <see cref="TradingStateChanged"/> with scope Account and applies the stricter of its own and the account's state.
/// A <see cref="Kill"/> is carried out by each run on its own orders and positions the same way.
/// </summary>
public sealed class AccountTradingState
{
    private readonly Lock _lock = new();
    private Snapshot _current = new(TradingState.Active, "account created", 0, 0, false, "");

    /// <summary>The account's state.</summary>
    public TradingState State => Volatile.Read(ref _current).State;

    /// <summary>Why the account is in its state.</summary>
    public string Reason => Volatile.Read(ref _current).Reason;

    /// <summary>Sets the account's state (e.g. an operator moving it to Reducing). Setting the current state again does nothing.</summary>
    /// <exception cref="ArgumentException">The reason is empty.</exception>
    public void Set(TradingState state, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_lock)
        {
            var c = _current;
            if (c.State != state)
            {
                Volatile.Write(ref _current, c with { State = state, Reason = reason, Version = c.Version + 1 });
            }
        }
    }

    /// <summary>
    /// Halts the account and asks every run of it to cancel its working orders and, when <paramref name="flatten"/>,
    /// close its positions with market orders (each run does so at its next event).
    /// </summary>
    /// <exception cref="ArgumentException">The reason is empty.</exception>
    public void Kill(string reason, bool flatten)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_lock)
        {
            var c = _current;
            Volatile.Write(ref _current, new Snapshot(TradingState.Halted, reason, c.Version + 1, c.Kills + 1, flatten, reason));
        }
    }

    /// <summary>One consistent reading (immutable; a new one per change, so the per-event read allocates nothing).</summary>
    internal Snapshot Read() => Volatile.Read(ref _current);

    /// <summary>The account's state at one version; <see cref="Kills"/> counts kill requests so far.</summary>
    internal sealed record Snapshot(TradingState State, string Reason, long Version, long Kills, bool KillFlattens, string KillReason);
}
