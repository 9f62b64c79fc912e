using Bourse.Engine.Runs;
using Bourse.Server.Runs;

namespace Bourse.Server.Telemetry;

/// <summary>
/// The engine's counters summed over every run of this process, for the metrics: each active run at its last sample
/// (<see cref="RunHost.LatestStatistics"/>, taken every tick, so at most one tick behind) plus each ended run at its final
/// sample. A run moves from the first set to the second atomically, so every total only grows. Thread-safe.
/// </summary>
public sealed class RunTotals
{
    private readonly Lock _gate = new();
    private readonly HashSet<RunHost> _active = [];
    private readonly Dictionary<RunStatus, long> _ended = [];
    private readonly Dictionary<string, long> _endedDenials = new(StringComparer.Ordinal);
    private RunCountTotals _endedCounts;

    /// <summary>Counts <paramref name="host"/> from now on, as active until its loop ends and as ended after.</summary>
    public void Track(RunHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        lock (_gate)
        {
            _active.Add(host);
        }

        _ = host.Completion.ContinueWith(_ => End(host), TaskScheduler.Default);
    }

    /// <summary>The totals now.</summary>
    public RunTotalsSnapshot Snapshot()
    {
        lock (_gate)
        {
            var counts = _endedCounts;
            var denials = new Dictionary<string, long>(_endedDenials, StringComparer.Ordinal);
            foreach (var host in _active)
            {
                counts = Add(counts, denials, host.LatestStatistics);
            }

            var runs = new Dictionary<RunStatus, long>(_ended) { [RunStatus.Running] = _active.Count };
            return new RunTotalsSnapshot(runs, counts, denials);
        }
    }

    private void End(RunHost host)
    {
        // A run the watchdog abandoned still reads Running: it ended in error.
        var status = host.Status == RunStatus.Running ? RunStatus.Error : host.Status;
        lock (_gate)
        {
            if (_active.Remove(host))
            {
                _endedCounts = Add(_endedCounts, _endedDenials, host.LatestStatistics);
                _ended[status] = _ended.GetValueOrDefault(status) + 1;
            }
        }
    }

    private static RunCountTotals Add(RunCountTotals counts, Dictionary<string, long> denials, RunStatistics? s)
    {
        if (s is null)
        {
            return counts;
        }

        foreach (var (check, n) in s.Risk?.Denials ?? new Dictionary<string, int>())
        {
            denials[check] = denials.GetValueOrDefault(check) + n;
        }

        return new RunCountTotals(
            counts.BuySignals + s.BuySignals,
            counts.SellSignals + s.SellSignals,
            counts.HoldSignals + s.HoldSignals,
            counts.ExecutedSignals + s.ExecutedSignals,
            counts.Orders + s.TotalOrders,
            counts.FilledOrders + s.FilledOrders,
            counts.RejectedOrders + s.RejectedOrders,
            counts.Fills + s.TotalTrades,
            counts.StrategyErrors + s.ErrorCount);
    }
}

/// <summary>Sums of the engine's run counters (see <see cref="RunStatistics"/> for each one's meaning).</summary>
public readonly record struct RunCountTotals(
    long BuySignals, long SellSignals, long HoldSignals, long ExecutedSignals, long Orders, long FilledOrders, long RejectedOrders, long Fills, long StrategyErrors);

/// <summary>What <see cref="RunTotals.Snapshot"/> returns.</summary>
/// <param name="Runs">Runs of this process by status: Running = active now; the others = runs that ended with that status.</param>
/// <param name="Counts">Signals, orders, fills and strategy errors of all those runs.</param>
/// <param name="Denials">Orders denied by the risk engine, by check (snake_case check name).</param>
public sealed record RunTotalsSnapshot(IReadOnlyDictionary<RunStatus, long> Runs, RunCountTotals Counts, IReadOnlyDictionary<string, long> Denials);
