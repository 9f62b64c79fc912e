using System.Collections.Concurrent;

namespace Bourse.Server.Backtests;

/// <summary>The backtests running in this process, by id (for their progress); a backtest leaves when it ends. Thread-safe.</summary>
public sealed class BacktestRegistry
{
    private readonly ConcurrentDictionary<Guid, BacktestJob> _jobs = new();

    /// <summary>Adds a started job.</summary>
    public void Add(BacktestJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _jobs[job.Id] = job;
        _ = job.Completion.ContinueWith(_ => _jobs.TryRemove(job.Id, out BacktestJob? _), TaskScheduler.Default);
    }

    /// <summary>The running job of a backtest, or null (unknown or ended).</summary>
    public BacktestJob? Find(Guid id) => _jobs.TryGetValue(id, out var job) ? job : null;
}
