namespace Bourse.Data.Feeds;

/// <summary>How historical bars are replayed as a live feed.</summary>
/// <param name="Speed">Market time per wall time: 60 replays one 1-minute bar per second. Must be positive.</param>
/// <param name="Loop">When true, the data restarts after its end with timestamps shifted forward, so time never goes back.</param>
/// <param name="ResumeAfter">
/// Market time (UTC) the replay continues after, e.g. the close time of the last bar a previous replay published and
/// stored: the market clock then starts no earlier than it, so the first bar opens at or after it. Null (default) to
/// start at the wall clock's now. See <see cref="ReplayFeed"/> for how the start is chosen.
/// </param>
public sealed record ReplayOptions(double Speed = 60, bool Loop = true, DateTime? ResumeAfter = null);
