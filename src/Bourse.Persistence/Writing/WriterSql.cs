using Bourse.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bourse.Persistence.Writing;

/// <summary>
/// The statements of the fast writer, built from the EF model's names. Parameters are <c>@p0, @p1, …</c> in column
/// order; identifiers are double-quoted (valid in SQLite and PostgreSQL). Only <see cref="RunUpdate"/>'s "larger of"
/// function differs between them (SQLite <c>max</c>, PostgreSQL <c>GREATEST</c>).
/// </summary>
internal static class WriterSql
{
    /// <summary>A quoted identifier.</summary>
    public static string Quote(string name) => $"\"{name}\"";

    /// <summary><c>INSERT INTO t (c0, …) VALUES (@p0, …)</c>.</summary>
    public static string Insert<T>(TableMap<T> map)
        where T : class =>
        $"INSERT INTO {Quote(map.Table)} ({string.Join(", ", map.Columns.Select(c => Quote(c.Name)))}) " +
        $"VALUES ({string.Join(", ", map.Columns.Select((_, i) => $"@p{i}"))})";

    /// <summary>An insert that updates every other column of the row already holding the same <paramref name="keyProperties"/>.</summary>
    public static string Upsert<T>(TableMap<T> map, params string[] keyProperties)
        where T : class => $"{Insert(map)} {OnConflictUpdate(map, keyProperties)}";

    /// <summary>
    /// <c>INSERT INTO t (c0, …) SELECT c0, … FROM staging</c> that updates every other column of the rows already holding the
    /// same <paramref name="keyProperties"/> (PostgreSQL: the staging table of a binary COPY).
    /// </summary>
    public static string Merge<T>(TableMap<T> map, string stagingTable, params string[] keyProperties)
        where T : class
    {
        var columns = string.Join(", ", map.Columns.Select(c => Quote(c.Name)));
        return $"INSERT INTO {Quote(map.Table)} ({columns}) SELECT {columns} FROM {Quote(stagingTable)} {OnConflictUpdate(map, keyProperties)}";
    }

    private static string OnConflictUpdate<T>(TableMap<T> map, string[] keyProperties)
        where T : class
    {
        var keys = keyProperties.Select(p => map.Column(p).Name).ToHashSet();
        var updates = map.Columns.Where(c => !keys.Contains(c.Name)).Select(c => $"{Quote(c.Name)} = excluded.{Quote(c.Name)}");
        return $"ON CONFLICT ({string.Join(", ", keys.Select(Quote))}) DO UPDATE SET {string.Join(", ", updates)}";
    }
}

/// <summary>
/// The UPDATE of a run row by a <see cref="RunChange"/>, with the rules of <see cref="RunChange.ApplyTo"/>: a null
/// parameter keeps the column, <c>end_time</c> keeps its first value, <c>error_count</c> takes the larger.
/// Parameters <c>@p0…</c> follow <see cref="Columns"/>; the one after them is the run id.
/// </summary>
internal sealed class RunUpdate
{
    private enum Rule
    {
        Replace,
        KeepFirst,
        Larger,
    }

    private static readonly (string Property, Rule Rule, Func<RunChange, object?> Value)[] Fields =
    [
        (nameof(RunEntity.Status), Rule.Replace, c => c.Status),
        (nameof(RunEntity.StopReason), Rule.Replace, c => c.StopReason),
        (nameof(RunEntity.TradingState), Rule.Replace, c => c.TradingState),
        (nameof(RunEntity.TradingStateReason), Rule.Replace, c => c.TradingStateReason),
        (nameof(RunEntity.EndTime), Rule.KeepFirst, c => c.EndTime),
        (nameof(RunEntity.ErrorCount), Rule.Larger, c => c.ErrorCount),
        (nameof(RunEntity.LastError), Rule.Replace, c => c.LastError),
        (nameof(RunEntity.StrategyState), Rule.Replace, c => c.StrategyState),
        (nameof(RunEntity.StrategyStateSavedAt), Rule.Replace, c => c.StrategyStateSavedAt),
        (nameof(RunEntity.RealizedPnl), Rule.Replace, c => c.RealizedPnl),
        (nameof(RunEntity.UnrealizedPnl), Rule.Replace, c => c.UnrealizedPnl),
        (nameof(RunEntity.ProfitLoss), Rule.Replace, c => c.ProfitLoss),
        (nameof(RunEntity.DailyPnl), Rule.Replace, c => c.DailyPnl),
        (nameof(RunEntity.TotalSignals), Rule.Replace, c => c.Metrics?.Statistics.TotalSignals),
        (nameof(RunEntity.ExecutedSignals), Rule.Replace, c => c.Metrics?.Statistics.ExecutedSignals),
        (nameof(RunEntity.BuySignals), Rule.Replace, c => c.Metrics?.Statistics.BuySignals),
        (nameof(RunEntity.SellSignals), Rule.Replace, c => c.Metrics?.Statistics.SellSignals),
        (nameof(RunEntity.HoldSignals), Rule.Replace, c => c.Metrics?.Statistics.HoldSignals),
        (nameof(RunEntity.TotalOrders), Rule.Replace, c => c.Metrics?.Statistics.TotalOrders),
        (nameof(RunEntity.FilledOrders), Rule.Replace, c => c.Metrics?.Statistics.FilledOrders),
        (nameof(RunEntity.RejectedOrders), Rule.Replace, c => c.Metrics?.Statistics.RejectedOrders),
        (nameof(RunEntity.TotalTrades), Rule.Replace, c => c.Metrics?.Statistics.TotalTrades),
        (nameof(RunEntity.CpuUsage), Rule.Replace, c => c.Metrics?.CpuUsagePercent),
        (nameof(RunEntity.MemoryUsage), Rule.Replace, c => c.Metrics?.AllocatedBytes),
        (nameof(RunEntity.StatisticsJson), Rule.Replace, c => c.Metrics is { } m ? RunStatisticsJson.Serialize(m.Statistics) : null),
    ];

    /// <summary>Reads the run table's names from <paramref name="model"/>.</summary>
    public RunUpdate(IModel model)
    {
        var map = new TableMap<RunEntity>(model);
        Table = map.Table;
        Id = model.FindEntityType(typeof(RunEntity))!.FindPrimaryKey()!.Properties[0].GetColumnName();
        Columns = [.. Fields.Select(f => map.Column(f.Property))];
    }

    /// <summary>The runs table.</summary>
    public string Table { get; }

    /// <summary>The key column.</summary>
    public string Id { get; }

    /// <summary>The updated columns, in parameter order.</summary>
    public IReadOnlyList<TableColumn<RunEntity>> Columns { get; }

    /// <summary>The statement; <paramref name="larger"/> is the two-argument "larger of" function (max or GREATEST).</summary>
    public string Sql(string larger)
    {
        var sets = Fields.Select((f, i) =>
        {
            var column = WriterSql.Quote(Columns[i].Name);
            return f.Rule switch
            {
                Rule.KeepFirst => $"{column} = COALESCE({column}, @p{i})",
                Rule.Larger => $"{column} = {larger}({column}, COALESCE(@p{i}, {column}))",
                _ => $"{column} = COALESCE(@p{i}, {column})",
            };
        });
        return $"UPDATE {WriterSql.Quote(Table)} SET {string.Join(", ", sets)} WHERE {WriterSql.Quote(Id)} = @p{Fields.Length}";
    }

    /// <summary>The parameter values of a change (null = keep) in <see cref="Columns"/> order, then the run id.</summary>
    public static IReadOnlyList<Func<KeyValuePair<Guid, RunChange>, object?>> Values { get; } =
        [.. Fields.Select(f => (Func<KeyValuePair<Guid, RunChange>, object?>)(c => f.Value(c.Value))), c => c.Key];
}
