using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Bourse.Engine.Backtesting;
using Bourse.Engine.Runs;
using Bourse.Persistence;
using Bourse.Sdk.MarketData;
using Bourse.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Backtests;

/// <summary>A backtest's progress: bars replayed out of all of them.</summary>
/// <param name="BarsDone">Bars handed to the strategy so far.</param>
/// <param name="BarsTotal">Bars in the backtest.</param>
public readonly record struct BacktestProgress(long BarsDone, long BarsTotal)
{
    /// <summary><see cref="BarsDone"/> / <see cref="BarsTotal"/>, 0..1 (1 for a backtest without bars).</summary>
    public double Fraction => BarsTotal == 0 ? 1 : (double)BarsDone / BarsTotal;
}

/// <summary>How a backtest ended: its report, or (report null) why it failed.</summary>
/// <param name="Report">The engine's report; null when the backtest failed before it had one.</param>
/// <param name="Error">Why it failed (the strategy hit its error limit, threw while being built, the server stopped), or null.</param>
public sealed record BacktestOutcome(BacktestReport? Report, string? Error)
{
    /// <summary>completed or failed.</summary>
    public string Status => Error is null ? "completed" : "failed";
}

/// <summary>
/// One backtest running in the background: <see cref="BacktestRunner"/> over its bars on a thread of its own (never a
/// request's), its progress (at every hundredth of the bars) to whoever watches, and its outcome written to its row of
/// <c>backtests</c>. Any exception (the strategy's, the data's) fails this backtest with the reason, nothing else.
/// </summary>
public sealed class BacktestJob
{
    private readonly Lock _gate = new();
    private readonly List<ChannelWriter<BacktestProgress>> _watchers = [];
    private readonly List<BacktestProgress> _history = [];
    private readonly TaskCompletionSource<BacktestOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<Bourse.Sdk.Strategies.Strategy> _strategy;
    private readonly IReadOnlyList<Bar> _bars;
    private readonly RunSettings _settings;
    private long _done;

    /// <summary>A backtest of a fresh strategy from <paramref name="strategy"/> over <paramref name="bars"/> (close-time order) with <paramref name="settings"/>.</summary>
    public BacktestJob(Guid id, Guid ownerId, Func<Bourse.Sdk.Strategies.Strategy> strategy, IReadOnlyList<Bar> bars, RunSettings settings)
    {
        Id = id;
        OwnerId = ownerId;
        _strategy = strategy;
        _bars = bars;
        _settings = settings;
        _history.Add(Progress);
    }

    /// <summary>The backtest's id (its row in <c>backtests</c>).</summary>
    public Guid Id { get; }

    /// <summary>Who asked for it.</summary>
    public Guid OwnerId { get; }

    /// <summary>Progress now.</summary>
    public BacktestProgress Progress => new(Interlocked.Read(ref _done), _bars.Count);

    /// <summary>Completes with the outcome once it is stored (or storing it failed, which is logged).</summary>
    public Task<BacktestOutcome> Completion => _completion.Task;

    /// <summary>
    /// Starts the backtest on a thread of its own; at its end writes the outcome to its row through
    /// <paramref name="contexts"/>, then runs <paramref name="ended"/> (e.g. releasing the plugin). <paramref name="stopping"/>
    /// (the server's shutdown) fails it at the next bar.
    /// </summary>
    public void Start(IDbContextFactory<BourseDbContext> contexts, TimeProvider clock, ILogger logger, Action ended, CancellationToken stopping) =>
        _ = Task.Factory.StartNew(
            async () =>
            {
                var outcome = Run(stopping);
                try
                {
                    await StoreAsync(outcome, contexts, clock);
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or OperationCanceledException)
                {
                    logger.LogError(e, "Backtest {BacktestId} ended ({Status}) but its outcome could not be stored", Id, outcome.Status);
                }
                finally
                {
                    ended();
                    Finish(outcome);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();

    /// <summary>
    /// The progress from the start (at 0, at every hundredth of the bars, at the end: the steps already made first, so a
    /// watcher that comes late misses none); ends when the backtest ends or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async IAsyncEnumerable<BacktestProgress> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<BacktestProgress>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _history.ForEach(p => channel.Writer.TryWrite(p));
            if (Completion.IsCompleted)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel.Writer);
            }
        }

        try
        {
            await foreach (var progress in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return progress;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel.Writer);
            }
        }
    }

    private BacktestOutcome Run(CancellationToken stopping)
    {
        var errors = new StrategyErrors();
        try
        {
            var report = BacktestRunner.Run(_strategy(), Counted(stopping), _settings, errors);
            Report(_bars.Count);
            return report.Status == RunStatus.Error ? new BacktestOutcome(report, errors.Reason) : new BacktestOutcome(report, null);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return new BacktestOutcome(null, "the server stopped before the backtest ended");
        }
        catch (Exception e)
        {
            return new BacktestOutcome(null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The bars, counting them and reporting progress at every hundredth.</summary>
    private IEnumerable<Bar> Counted(CancellationToken stopping)
    {
        var step = Math.Max(1, _bars.Count / 100);
        for (var i = 0; i < _bars.Count; i++)
        {
            if (i > 0 && i % step == 0)
            {
                stopping.ThrowIfCancellationRequested();
                Report(i);
            }

            yield return _bars[i];
        }
    }

    private void Report(long done)
    {
        Interlocked.Exchange(ref _done, done);
        var progress = Progress;
        lock (_gate)
        {
            _history.Add(progress);
            foreach (var watcher in _watchers)
            {
                watcher.TryWrite(progress);
            }
        }
    }

    private void Finish(BacktestOutcome outcome)
    {
        lock (_gate)
        {
            _completion.TrySetResult(outcome);
            foreach (var watcher in _watchers)
            {
                watcher.TryComplete();
            }
        }
    }

    private async Task StoreAsync(BacktestOutcome outcome, IDbContextFactory<BourseDbContext> contexts, TimeProvider clock)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var row = await db.Backtests.FirstAsync(b => b.Id == Id);
        row.Status = outcome.Status;
        row.Progress = Progress.Fraction;
        row.Error = outcome.Error;
        row.ReportJson = outcome.Report is { } report ? JsonSerializer.Serialize(BacktestReportDto.From(report), JsonSetup.Options) : null;
        row.EndedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    /// <summary>Keeps the strategy's last exception and the run's stop reason: why a backtest that ended in error failed.</summary>
    private sealed class StrategyErrors : IRunEventSink
    {
        private string? _last;
        private string? _stop;

        public string Reason => $"{_stop ?? "the run ended in error"}{(_last is null ? "" : $"; last strategy error: {_last}")}";

        /// <summary>False: it reads errors and the stop only, so the run builds no account, position, signal or order bookkeeping events for it.</summary>
        public bool TakesBookkeeping => false;

        public void Publish(RunEvent runEvent)
        {
            switch (runEvent)
            {
                case StrategyErrored e:
                    _last = $"{e.Callback} threw {e.ExceptionType}: {e.Message}";
                    break;
                case RunStopped s:
                    _stop = s.Reason;
                    break;
            }
        }
    }
}
