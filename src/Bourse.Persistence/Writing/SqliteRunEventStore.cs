using System.Data.Common;
using Bourse.Persistence.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bourse.Persistence.Writing;

/// <summary>
/// SQLite: prepared statements (compiled once per connection, rebound per row) in one <c>BEGIN IMMEDIATE</c> transaction
/// per batch, so a batch costs one journal sync however many rows it has. Values are bound as CLR values, which
/// Microsoft.Data.Sqlite stores exactly as EF does (decimals and times as text, GUIDs as upper-case text).
/// </summary>
internal sealed class SqliteRunEventStore : RunEventStore
{
    private readonly SqliteConnection _connection;
    private readonly Statement<SignalEntity> _signals;
    private readonly Statement<FillEntity> _fills;
    private readonly Statement<ExecutionLogEntity> _logs;
    private readonly Statement<OrderEntity> _orders;
    private readonly Statement<PositionEntity> _positions;
    private readonly Statement<KeyValuePair<Guid, RunChange>> _runs;

    /// <summary>Prepares the statements on <paramref name="connection"/> (open, owned by the caller).</summary>
    public SqliteRunEventStore(SqliteConnection connection, IModel model)
    {
        _connection = connection;
        var signals = new TableMap<SignalEntity>(model);
        var fills = new TableMap<FillEntity>(model);
        var logs = new TableMap<ExecutionLogEntity>(model);
        var orders = new TableMap<OrderEntity>(model);
        var positions = new TableMap<PositionEntity>(model);
        var runs = new RunUpdate(model);
        _signals = new(connection, WriterSql.Insert(signals), Values(signals));
        _fills = new(connection, WriterSql.Insert(fills), Values(fills));
        _logs = new(connection, WriterSql.Insert(logs), Values(logs));
        _orders = new(connection, WriterSql.Upsert(orders, nameof(OrderEntity.RunId), nameof(OrderEntity.ClientOrderId)), Values(orders));
        _positions = new(connection, WriterSql.Upsert(positions, nameof(PositionEntity.RunId), nameof(PositionEntity.Symbol)), Values(positions));
        _runs = new(connection, runs.Sql("max"), RunUpdate.Values);
    }

    /// <inheritdoc />
    public override Task WriteAsync(RunEventRows rows, CancellationToken cancellationToken)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _signals.Execute(transaction, rows.Signals);
        _orders.Execute(transaction, rows.Orders.Values);
        _fills.Execute(transaction, rows.Fills);
        _positions.Execute(transaction, rows.Positions.Values);
        _logs.Execute(transaction, rows.Logs);
        _runs.Execute(transaction, rows.Runs);
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _signals.Dispose();
        _fills.Dispose();
        _logs.Dispose();
        _orders.Dispose();
        _positions.Dispose();
        _runs.Dispose();
        return ValueTask.CompletedTask;
    }

    private static IReadOnlyList<Func<T, object?>> Values<T>(TableMap<T> map)
        where T : class => [.. map.Columns.Select(c => c.Value)];

    /// <summary>A prepared statement executed once per row.</summary>
    private sealed class Statement<T> : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly DbParameter[] _parameters;
        private readonly IReadOnlyList<Func<T, object?>> _values;

        public Statement(SqliteConnection connection, string sql, IReadOnlyList<Func<T, object?>> values)
        {
            _values = values;
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _parameters = [.. values.Select((_, i) => _command.Parameters.Add(new SqliteParameter($"@p{i}", DBNull.Value)))];
        }

        public void Execute(SqliteTransaction transaction, IEnumerable<T> rows)
        {
            _command.Transaction = transaction;
            foreach (var row in rows)
            {
                for (var i = 0; i < _parameters.Length; i++)
                {
                    _parameters[i].Value = _values[i](row) ?? DBNull.Value;
                }

                _command.ExecuteNonQuery();
            }
        }

        public void Dispose() => _command.Dispose();
    }
}
