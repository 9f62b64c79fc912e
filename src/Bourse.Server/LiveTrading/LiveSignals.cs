using System.Text.Json;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Bourse.Server.Auth;

namespace Bourse.Server.LiveTrading;

/// <summary>A signal row with the run it belongs to (a member-initialized class, so EF Core translates queries over it).</summary>
public sealed class RunSignal
{
    /// <summary>The signal.</summary>
    public required SignalEntity Signal { get; init; }

    /// <summary>Its run.</summary>
    public required RunEntity Run { get; init; }
}

/// <summary>The signals of the caller's live strategies (the runs that have a live strategy), and their API shape.</summary>
public static class LiveSignals
{
    /// <summary>Signals of live-strategy runs the user sees.</summary>
    public static IQueryable<RunSignal> Query(BourseDbContext db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Signals.Join(db.Runs.VisibleTo(user).Where(r => r.LiveStrategyId != null), s => s.RunId, r => r.Id, (s, r) => new RunSignal { Signal = s, Run = r });
    }

    /// <summary>The API shape of a row.</summary>
    public static LiveSignalDto ToDto(RunSignal row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var s = row.Signal;
        return new LiveSignalDto(
            row.Run.LiveStrategyId!.Value, s.RunId, s.SignalId, s.SignalType, s.Symbol, s.Strength, s.Price, s.Quantity, s.Executed, s.OrderId, s.Reason,
            Parse(s.IndicatorsJson), Parse(s.MetadataJson), s.Timestamp);
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
