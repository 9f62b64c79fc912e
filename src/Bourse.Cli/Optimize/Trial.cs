using Bourse.Engine.Runs;

namespace Bourse.Cli.Optimize;

/// <summary>One parameter set of an optimisation and how it did.</summary>
/// <param name="Index">Its position in the search (grid order).</param>
/// <param name="Parameters">Every strategy parameter with its bound value (the searched ones and the defaults).</param>
/// <param name="InSample">Statistics on the in-sample window (all the data without a walk-forward split).</param>
/// <param name="OutOfSample">Statistics on the out-of-sample window, or null without a walk-forward split.</param>
internal sealed record Trial(int Index, IReadOnlyDictionary<string, object?> Parameters, RunStatistics InSample, RunStatistics? OutOfSample);
