namespace Bourse.Engine.Runs;

/// <summary>
/// The budget of every strategy callback of a run (OnStart, OnBar, OnOrderFilled...): wall time and bytes allocated on
/// the run's thread during the call. A callback over either fails its run with <see cref="RunStatus.Error"/> and the
/// reason (see <see cref="TradingRun"/>).
/// </summary>
/// <param name="Time">Wall time one callback may take (default 1 s).</param>
/// <param name="AllocationBytes">Bytes one callback may allocate (default 64 MiB).</param>
public sealed record CallbackLimits(TimeSpan Time, long AllocationBytes)
{
    /// <summary>1 s and 64 MiB per callback.</summary>
    public static CallbackLimits Default { get; } = new(TimeSpan.FromSeconds(1), 64L * 1024 * 1024);

    /// <summary>A description of what is wrong with the limits, or null when they are valid.</summary>
    public string? Problem() =>
        Time <= TimeSpan.Zero ? $"the callback time budget must be positive (was {Time.TotalMilliseconds} ms)"
        : AllocationBytes <= 0 ? $"the callback allocation budget must be positive (was {AllocationBytes} bytes)"
        : null;
}
