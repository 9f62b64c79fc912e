using System.Collections.Concurrent;
using Bourse.Engine.Runs;
using Bourse.Sdk.MarketData;
using Bourse.Server.Telemetry;

namespace Bourse.Server.Runs;

/// <summary>The active runs of this process: routes bars to them, stops them. Thread-safe.</summary>
public sealed class RunRegistry(ILogger<RunRegistry> logger, RunTotals totals)
{
    private readonly ConcurrentDictionary<Guid, RunHost> _hosts = new();

    /// <summary>Adds a started host; it leaves the registry when its loop ends.</summary>
    public void Add(RunHost host)
    {
        _hosts[host.RunId.Value] = host;
        totals.Track(host);
        _ = host.Completion.ContinueWith(_ => _hosts.TryRemove(host.RunId.Value, out RunHost? _), TaskScheduler.Default);
    }

    /// <summary>The active host of a run, or null.</summary>
    public RunHost? Find(Guid runId) => _hosts.TryGetValue(runId, out var host) ? host : null;

    /// <summary>Ids of active runs of a plugin.</summary>
    public IReadOnlyList<Guid> ActiveRunsOf(Guid pluginId) => [.. _hosts.Values.Where(h => h.PluginId == pluginId).Select(h => h.RunId.Value)];

    /// <summary>Queues <paramref name="bar"/> to every run trading its instrument; never blocks (a full run queue drops the bar).</summary>
    public void Dispatch(Bar bar)
    {
        foreach (var host in _hosts.Values)
        {
            // Logged on the first drop and every 1000th after it: a run that is behind must not flood the log.
            if (host.Trades(bar.Instrument) && !host.Post(bar) && host.DroppedBars % 1000 == 1)
            {
                logger.LogWarning("Run {RunId} is behind: bar {Instrument} {OpenTime:O} dropped ({Dropped} so far)", host.RunId, bar.Instrument, bar.OpenTime, host.DroppedBars);
            }
        }
    }

    /// <summary>Stops every active run (server shutdown; with <see cref="RunStatus.Error"/>, a database outage) and waits for their loops.</summary>
    public Task StopAllAsync(string reason, CancellationToken cancellationToken, RunStatus status = RunStatus.Stopped) =>
        Task.WhenAll(_hosts.Values.Select(h => h.StopAsync(reason, cancellationToken, status)));

    /// <summary>Suspends every active run (server shutdown: they resume at the next start) and waits for their loops.</summary>
    public Task SuspendAllAsync(string reason, CancellationToken cancellationToken) =>
        Task.WhenAll(_hosts.Values.Select(h => h.SuspendAsync(reason, cancellationToken)));
}
