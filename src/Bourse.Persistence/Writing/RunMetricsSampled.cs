using Bourse.Engine.Runs;
using Bourse.Sdk.Identifiers;

namespace Bourse.Persistence.Writing;

/// <summary>
/// A server-side sample of a run's statistics and resource use, published by the run host about every second
/// and once after the stop. Not a kernel event: <see cref="RunEvent.Sequence"/> is 0.
/// </summary>
/// <param name="Statistics">The engine's statistics at sampling time.</param>
/// <param name="CpuUsagePercent">Percent (0..100) of one core's time the run's event loop spent processing since the start.</param>
/// <param name="AllocatedBytes">Bytes allocated on the run's loop thread while processing, since the start.</param>
public sealed record RunMetricsSampled(RunId RunId, DateTime Timestamp, RunStatistics Statistics, double CpuUsagePercent, long AllocatedBytes)
    : RunEvent(RunId, 0, Timestamp);
