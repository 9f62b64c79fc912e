using Bourse.Persistence.Entities;

namespace Bourse.Server.LiveTrading;

/// <summary>A live strategy's effective status: the stored one, corrected by whether its run is really active.</summary>
/// <param name="Status">stopped, running, paused or error.</param>
/// <param name="Reason">Why (a stop reason, the run's last error), or null.</param>
/// <param name="Running">Its run is active in this server now (running or paused).</param>
public sealed record LiveStrategyState(string Status, string? Reason, bool Running);

/// <summary>
/// The statuses of a live strategy and the one table of legal transitions:
/// <code>
///   start : stopped | error -> running
///   pause : running         -> paused    (the run keeps its orders, positions and strategy state; the strategy is not evaluated)
///   resume: paused          -> running
///   stop  : running | paused -> stopped
/// </code>
/// Any other (action, status) pair is illegal (409 with the reason).
/// </summary>
public static class LiveStrategyLifecycle
{
    /// <summary>Not running.</summary>
    public const string Stopped = "stopped";

    /// <summary>Evaluated at each close of its check interval.</summary>
    public const string Running = "running";

    /// <summary>Run active, strategy not evaluated.</summary>
    public const string Paused = "paused";

    /// <summary>Its run ended by itself (strategy errors, engine failure).</summary>
    public const string Error = "error";

    /// <summary>Every status, for filters.</summary>
    public static IReadOnlyList<string> All { get; } = [Stopped, Running, Paused, Error];

    private static readonly Dictionary<string, (string[] From, string To)> Transitions = new(StringComparer.Ordinal)
    {
        ["start"] = ([Stopped, Error], Running),
        ["pause"] = ([Running], Paused),
        ["resume"] = ([Paused], Running),
        ["stop"] = ([Running, Paused], Stopped),
    };

    /// <summary>The status <paramref name="action"/> leads to from <paramref name="status"/>, or the reason it is illegal.</summary>
    /// <exception cref="ArgumentException">Unknown action.</exception>
    public static (string? To, string? Illegal) Next(string action, string status)
    {
        if (!Transitions.TryGetValue(action, out var transition))
        {
            throw new ArgumentException($"Unknown action '{action}'.", nameof(action));
        }

        return transition.From.Contains(status)
            ? (transition.To, null)
            : (null, $"Cannot {action} a strategy that is {status}; {action} applies to a strategy that is {string.Join(" or ", transition.From)}.");
    }

    /// <summary>
    /// The effective status of <paramref name="strategy"/>: a stored running or paused status whose run is no longer active
    /// (it failed, was stopped through the runs API, or the server stopped) reads as error (with the run's last error) or stopped.
    /// </summary>
    /// <param name="strategy">The row.</param>
    /// <param name="run">Its current run's row, if any.</param>
    /// <param name="active">True when the current run is active in this server.</param>
    public static LiveStrategyState StateOf(LiveStrategyEntity strategy, RunEntity? run, bool active)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (strategy.Status is not (Running or Paused) || active)
        {
            return new(strategy.Status, strategy.StatusReason, active);
        }

        return run is { Status: "error" }
            ? new(Error, run.LastError is { } error ? $"{run.StopReason}: {error}" : run.StopReason, false)
            : new(Stopped, run?.StopReason ?? "its run is not active", false);
    }
}
