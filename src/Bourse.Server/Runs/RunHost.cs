using System.Diagnostics;
using System.Threading.Channels;
using Bourse.Data.Aggregation;
using Bourse.Engine.Runs;
using Bourse.Engine.Runs.Recovery;
using Bourse.Persistence.Writing;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Strategies;

namespace Bourse.Server.Runs;

/// <summary>
/// The event loop of one live run: a dedicated long-running task that reads a bounded channel of inputs (bars, timer
/// ticks, commands, stop) and is the only caller of its <see cref="TradingRun"/>. With a check interval (a
/// <see cref="BarResampler"/>), the feed's bars are aggregated on the loop and the run sees one bar per interval, at its
/// close. Measures its own resource use:
/// <list type="bullet">
/// <item>cpu_usage: percent of one core = wall time spent inside TradingRun calls (Stopwatch) / wall time since the start × 100.
/// The loop is single-threaded and CPU-bound while processing, so busy wall time approximates its CPU time.</item>
/// <item>memory_usage: bytes allocated on the loop thread during those calls (sum of
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> deltas): the run's allocation volume, not its live heap.</item>
/// </list>
/// A <see cref="RunMetricsSampled"/> carrying those figures and the engine's statistics goes to the sink on every tick and after the stop.
/// The strategy state is saved (<see cref="TradingRun.SaveState"/>) on the first tick after each state-save interval.
/// A server shutdown suspends the run (<see cref="SuspendAsync"/>) instead of stopping it, so it resumes at the next start.
/// The timer is also a watchdog: a kernel call still running after twice the callback time budget (a binary strategy
/// spinning where no probe can stop it) fails the run with <see cref="RunStatus.Error"/> and abandons its thread, since
/// .NET cannot abort one; events the abandoned callback still publishes reach the outbox.
/// Back-pressure: while the <see cref="RunEventOutbox"/> is paused (the database is far behind) the loop takes no new
/// input; it waits between two kernel calls, never inside one, and input that arrives meanwhile queues (bars beyond the
/// input capacity are dropped and counted, as for a slow strategy).
/// </summary>
public sealed class RunHost
{
    private readonly TradingRun _run;
    private readonly IRunEventSink _sink;
    private readonly TimeProvider _wallClock;
    private readonly ILogger _logger;
    private readonly Channel<object> _inputs;
    private readonly HashSet<InstrumentId> _instruments;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _tickInterval;
    private readonly TimeSpan _stateSaveInterval;
    private readonly RunRecovery? _recovery;
    private readonly BarResampler? _interval;
    private readonly List<Bar> _intervalBars = [];
    private ITimer? _ticker;
    private long _lastSave;
    private volatile bool _stopRequested;
    private readonly RunEventOutbox? _outbox;
    private volatile bool _suspend;
    private volatile string _stopReason = "stopped by request";
    private RunStatus _stopStatus = RunStatus.Stopped;
    private long _droppedBars;
    private long _busyTicks;
    private long _allocatedBytes;
    private long _startTimestamp;
    private long _callStarted;
    private int _abandoned;
    private volatile RunStatistics? _latestStatistics;

    /// <param name="pluginId">The plugin the strategy came from.</param>
    /// <param name="run">The kernel, built but not started.</param>
    /// <param name="sink">Where the host's own samples go (the same outbox as the kernel's events).</param>
    /// <param name="wallClock">Real time, for ticks and CPU share.</param>
    /// <param name="inputCapacity">Capacity of the input channel.</param>
    /// <param name="tickInterval">Period of timer ticks and samples.</param>
    /// <param name="stateSaveInterval">Period of strategy state saves.</param>
    /// <param name="recovery">What the database knows of a run being resumed after a restart (the loop resumes it instead of starting it), or null.</param>
    /// <param name="logger">Server log.</param>
    /// <param name="interval">Aggregates the feed's bars to the run's check interval; null passes them as they come.</param>
    public RunHost(
        Guid pluginId, TradingRun run, IRunEventSink sink, TimeProvider wallClock, int inputCapacity, TimeSpan tickInterval, TimeSpan stateSaveInterval, RunRecovery? recovery,
        ILogger logger, BarResampler? interval = null)
    {
        _interval = interval;
        PluginId = pluginId;
        _run = run;
        _sink = sink;
        _outbox = (sink as OutboxRunEventSink)?.Outbox;
        _wallClock = wallClock;
        _logger = logger;
        _tickInterval = tickInterval;
        _stateSaveInterval = stateSaveInterval;
        _recovery = recovery;
        _instruments = [.. run.Settings.Instruments.Select(i => i.Id)];
        _inputs = Channel.CreateBounded<object>(new BoundedChannelOptions(Math.Max(16, inputCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The run id.</summary>
    public RunId RunId => _run.Settings.RunId;

    /// <summary>The plugin the strategy came from.</summary>
    public Guid PluginId { get; }

    /// <summary>Completes when the loop has ended (after the final sample was published).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Bars dropped because the input queue was full.</summary>
    public long DroppedBars => Interlocked.Read(ref _droppedBars);

    /// <summary>The statistics of the last sample (every tick and once after the stop), or null before the first one.</summary>
    public RunStatistics? LatestStatistics => _latestStatistics;

    /// <summary>The run's status as last seen from another thread (final once <see cref="Completion"/> has completed, except for a run the watchdog abandoned, which stays Running here).</summary>
    public RunStatus Status => _run.Status;

    /// <summary>True when the run trades <paramref name="instrument"/>.</summary>
    public bool Trades(InstrumentId instrument) => _instruments.Contains(instrument);

    /// <summary>Starts the loop on its own long-running task.</summary>
    public void Start()
    {
        _startTimestamp = Stopwatch.GetTimestamp();

        // The timer exists before the loop does, so the loop's exit always disposes it (a loop that ended at once
        // would otherwise leave a live timer rooting this host, its strategy and the plugin's load context).
        // Neither carries the starting request's context: their log lines have the run's scope, not the request's.
        using (ExecutionContext.SuppressFlow())
        {
            _ticker = _wallClock.CreateTimer(_ => InRunScope(OnTick), null, _tickInterval, _tickInterval);
            _ = Task.Factory.StartNew(() => InRunScope(LoggedLoop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Queues a bar; returns false (and counts it dropped) when the queue is full or the run has ended.</summary>
    public bool Post(Bar bar)
    {
        if (_inputs.Writer.TryWrite(bar))
        {
            return true;
        }

        Interlocked.Increment(ref _droppedBars);
        return false;
    }

    /// <summary>Asks the loop to stop (cancels orders, RunStopped with <paramref name="status"/>, stopped by default) and waits until it has ended.</summary>
    public async Task StopAsync(string reason, CancellationToken cancellationToken = default, RunStatus status = RunStatus.Stopped)
    {
        _stopReason = reason;
        _stopStatus = status;
        _stopRequested = true;
        _inputs.Writer.TryWrite(StopCommand.Instance);
        await Completion.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Asks the loop to suspend the run for a server shutdown (<see cref="TradingRun.Suspend"/>: state saved, orders left
    /// working, stored status still running) and waits until it has ended.
    /// </summary>
    public async Task SuspendAsync(string reason, CancellationToken cancellationToken = default)
    {
        _suspend = true;
        await StopAsync(reason, cancellationToken);
    }

    /// <summary>
    /// Pulls the run's kill switch on its loop (<see cref="TradingRun.Kill"/>: the run goes to HALTED, every working order
    /// is canceled, and with <paramref name="flatten"/> every position is closed at market) and waits until it has been applied.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run ended before the command was applied.</exception>
    public Task KillAsync(string reason, bool flatten, CancellationToken cancellationToken = default) =>
        ApplyAsync(run => run.Kill(reason, flatten), "kill switch", cancellationToken);

    /// <summary>Pauses (<see cref="TradingRun.Paused"/>: the strategy is not evaluated) or resumes the run on its loop and waits until applied.</summary>
    /// <exception cref="InvalidOperationException">The run ended before the command was applied.</exception>
    public Task SetPausedAsync(bool paused, CancellationToken cancellationToken = default) =>
        ApplyAsync(run => run.Paused = paused, paused ? "pause" : "resume", cancellationToken);

    /// <summary>
    /// Runs <paramref name="command"/> on the kernel on the run's loop (after the inputs queued before it) and answers its
    /// result: how an operator's order commands reach a run (see <see cref="TradingRun.SubmitOperatorOrder"/>).
    /// </summary>
    /// <param name="command">What to do; runs on the loop thread, must not block.</param>
    /// <param name="what">Names the command in the error raised when the run ended first.</param>
    /// <param name="cancellationToken">Stops waiting (the command may still be applied).</param>
    /// <exception cref="InvalidOperationException">The run ended before the command was applied.</exception>
    public async Task<T> ExecuteAsync<T>(Func<TradingRun, T> command, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        T result = default!;
        await ApplyAsync(run => result = command(run), what, cancellationToken);
        return result;
    }

    /// <summary>Applies <paramref name="apply"/> to the kernel on the run's loop and waits until it has been applied.</summary>
    /// <exception cref="InvalidOperationException">The run ended before the command was applied.</exception>
    private async Task ApplyAsync(Action<TradingRun> apply, string what, CancellationToken cancellationToken)
    {
        var command = new LoopCommand(apply, what);
        await _inputs.Writer.WriteAsync(command, cancellationToken); // ChannelClosedException (an InvalidOperationException) once the loop ended

        await command.Applied.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The run's statistics now (<see cref="TradingRun.Statistics"/>), computed on its loop after the inputs queued
    /// before this call.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run ended before the statistics were computed.</exception>
    /// <exception cref="TimeoutException">The loop did not answer within <paramref name="timeout"/> (a callback still running).</exception>
    public async Task<RunStatistics> StatisticsAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var query = new StatisticsQuery();
        if (!_inputs.Writer.TryWrite(query))
        {
            await _inputs.Writer.WriteAsync(query, cancellationToken).AsTask().WaitAsync(timeout, cancellationToken);
        }

        return await query.Answer.Task.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Runs <paramref name="action"/> in the run's logging scope: every line logged meanwhile carries RunId.</summary>
    private void InRunScope(Action action)
    {
        using var scope = _logger.BeginScope("RunId:{RunId}", RunId.Value);
        action();
    }

    private void LoggedLoop()
    {
        _logger.LogInformation("Run {RunId} loop started", RunId);
        Loop();
        _logger.LogInformation("Run {RunId} loop ended with status {Status}", RunId, _run.Status);
    }

    private void Loop()
    {
        try
        {
            Measure(static (run, recovery) => Begin(run, recovery), _recovery);
            _lastSave = Stopwatch.GetTimestamp();
            var reader = _inputs.Reader;
            while (_run.Status == RunStatus.Running && !_stopRequested)
            {
                if (_outbox is { IsPaused: true })
                {
                    _outbox.WaitUntilOpen(TimeSpan.FromMilliseconds(50));
                    continue;
                }

                if (!reader.TryRead(out var input))
                {
                    reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
                    continue;
                }

                switch (input)
                {
                    case Bar bar when _interval is null:
                        Measure(static (run, b) => run.OnBar(b), bar);
                        break;
                    case Bar bar:
                        _intervalBars.Clear();
                        _interval.Add(bar, _intervalBars);
                        foreach (var completed in _intervalBars)
                        {
                            Measure(static (run, b) => run.OnBar(b), completed);
                        }

                        break;
                    case Tick:
                        Measure(static (run, _) => run.AdvanceTime(), 0);
                        if (Stopwatch.GetElapsedTime(_lastSave) >= _stateSaveInterval)
                        {
                            _lastSave = Stopwatch.GetTimestamp();
                            Measure(static (run, _) => run.SaveState(), 0);
                        }

                        Sample();
                        break;
                    case LoopCommand command:
                        Measure(static (run, c) => c.Apply(run), command);
                        command.Applied.TrySetResult();
                        break;
                    case StatisticsQuery query:
                        query.Answer.TrySetResult(_run.Statistics());
                        break;
                }
            }

            if (_run.Status == RunStatus.Running && _suspend)
            {
                Measure(static (run, reason) => run.Suspend(reason), _stopReason);
            }
            else if (_run.Status == RunStatus.Running)
            {
                Measure(static (run, stop) => run.Stop(stop.Status, stop.Reason), (Status: _stopStatus, Reason: _stopReason));
            }
        }
        catch (OperationCanceledException) when (Volatile.Read(ref _abandoned) != 0)
        {
            // The watchdog already failed the run; the kernel is not touched again.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Run {RunId} failed in the engine", RunId);
            _sink.Publish(new LogWritten(RunId, 0, _wallClock.GetUtcNow().UtcDateTime, StrategyLogLevel.Error, "server", $"Engine failure: {e.GetType().Name}: {e.Message}"));
            if (_run.Status == RunStatus.Running)
            {
                try
                {
                    _run.Stop(RunStatus.Error, $"engine failure: {e.Message}");
                }
                catch (Exception stopFailure)
                {
                    _logger.LogError(stopFailure, "Run {RunId} could not stop cleanly", RunId);
                    _sink.Publish(new RunStopped(RunId, 0, _wallClock.GetUtcNow().UtcDateTime, RunStatus.Error, $"engine failure: {e.Message}"));
                }
            }
        }
        finally
        {
            _ticker?.Dispose();
            _inputs.Writer.TryComplete();
            while (_inputs.Reader.TryRead(out var left))
            {
                if (left is LoopCommand command)
                {
                    command.Applied.TrySetException(new InvalidOperationException($"Run {RunId} ended before its {command.What} was applied."));
                }
                (left as StatisticsQuery)?.Answer.TrySetException(new InvalidOperationException($"Run {RunId} ended before its statistics were computed."));
            }
            try
            {
                if (Volatile.Read(ref _abandoned) == 0)
                {
                    Sample();
                }
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Run {RunId}: final statistics failed", RunId);
            }

            _completion.TrySetResult();
        }
    }

    /// <summary>Calls the kernel and adds the time and bytes it took to the run's figures; static delegates keep the bar path allocation-free.</summary>
    private void Measure<T>(Action<TradingRun, T> call, T argument)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref _callStarted, started);
        try
        {
            call(_run, argument);
        }
        finally
        {
            Volatile.Write(ref _callStarted, 0);
            _busyTicks += Stopwatch.GetTimestamp() - started;
            _allocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
        }

        if (Volatile.Read(ref _abandoned) != 0)
        {
            throw new OperationCanceledException("The watchdog abandoned this run.");
        }
    }

    private static void Begin(TradingRun run, RunRecovery? recovery)
    {
        if (recovery is null)
        {
            run.Start();
        }
        else
        {
            run.Resume(recovery);
        }
    }

    /// <summary>The timer's beat: queues a tick, and is the watchdog of kernel calls that never return.</summary>
    private void OnTick()
    {
        _inputs.Writer.TryWrite(Tick.Instance);
        var started = Volatile.Read(ref _callStarted);
        var limit = _run.Settings.CallbackLimits.Time * 2;
        if (started == 0 || Stopwatch.GetElapsedTime(started) <= limit || Interlocked.Exchange(ref _abandoned, 1) != 0)
        {
            return;
        }

        // .NET cannot abort a thread: the loop thread is left to its callback (it exits if the call ever returns) and the
        // run is failed from here. Code compiled by the sandbox never gets here: its injected probes throw first.
        var reason = $"strategy callback exceeded its time budget: still running after {limit.TotalMilliseconds:0} ms (twice the budget); its thread was abandoned";
        _logger.LogError("Run {RunId}: {Reason}", RunId, reason);
        var now = _wallClock.GetUtcNow().UtcDateTime;
        _sink.Publish(new LogWritten(RunId, 0, now, StrategyLogLevel.Error, "server", reason));
        _sink.Publish(new RunStopped(RunId, 0, now, RunStatus.Error, reason));
        _ticker?.Dispose();
        _inputs.Writer.TryComplete();
        _completion.TrySetResult();
    }

    private void Sample()
    {
        var wall = Stopwatch.GetTimestamp() - _startTimestamp;
        var cpu = wall <= 0 ? 0 : Math.Round(100.0 * _busyTicks / wall, 3);
        var statistics = _run.Statistics();
        _latestStatistics = statistics;
        _sink.Publish(new RunMetricsSampled(RunId, _wallClock.GetUtcNow().UtcDateTime, statistics, Math.Min(100, cpu), _allocatedBytes));
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class StopCommand
    {
        public static readonly StopCommand Instance = new();
    }

    private sealed record LoopCommand(Action<TradingRun> Apply, string What)
    {
        public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class StatisticsQuery
    {
        public TaskCompletionSource<RunStatistics> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
