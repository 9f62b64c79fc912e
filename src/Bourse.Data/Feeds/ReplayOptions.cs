namespace Bourse.Data.Feeds;

/// <summary>How historical bars are replayed as a live feed.</summary>
/// <param name="Speed">Market time per wall time: 60 replays one 1-minute bar per second. Must be positive.</param>
/// <param name="Loop">When true, the data restarts after its end with timestamps shifted forward, so time never goes back.</param>
public sealed record ReplayOptions(double Speed = 60, bool Loop = true);
