namespace Bourse.Server.Runs;

/// <summary>How long the outbox writer takes to write and commit its batches of run events (read by the metrics). Thread-safe.</summary>
public sealed class DatabaseWriteTimings
{
    private long _batches;
    private long _totalTicks;
    private long _lastTicks;

    /// <summary>Batches committed.</summary>
    public long BatchesWritten => Interlocked.Read(ref _batches);

    /// <summary>Sum of the write durations of every committed batch.</summary>
    public TimeSpan TotalWriteTime => TimeSpan.FromTicks(Interlocked.Read(ref _totalTicks));

    /// <summary>Duration of the last committed batch's write (statements and commit).</summary>
    public TimeSpan LastWriteLatency => TimeSpan.FromTicks(Interlocked.Read(ref _lastTicks));

    /// <summary>Records a committed batch that took <paramref name="elapsed"/> to write.</summary>
    public void Record(TimeSpan elapsed)
    {
        Interlocked.Add(ref _totalTicks, elapsed.Ticks);
        Interlocked.Exchange(ref _lastTicks, elapsed.Ticks);
        Interlocked.Increment(ref _batches);
    }
}
