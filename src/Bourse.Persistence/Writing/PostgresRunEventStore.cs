using System.Linq.Expressions;
using System.Reflection;
using Bourse.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Bourse.Persistence.Writing;

/// <summary>
/// PostgreSQL: binary <c>COPY … FROM STDIN</c> (Npgsql's <see cref="NpgsqlBinaryImporter"/>) for every row of a batch, in one
/// transaction per batch.
/// <list type="bullet">
/// <item>Append-only tables (signals, fills, execution logs) are copied straight into their table.</item>
/// <item>Upserted tables (orders, positions: a batch carries the final state of each row it touched, new or stored) are
/// copied into a temporary staging table of the connection (<c>ON COMMIT DELETE ROWS</c>), then merged with one
/// <c>INSERT … SELECT … ON CONFLICT (key) DO UPDATE</c> each, which updates every column but the key exactly as the SQLite
/// store's per-row upsert does. A batch holds one row per key, so no row is touched twice by one merge.</item>
/// <item>Run rows (a handful per batch) get the <see cref="RunUpdate"/> statement, all sent in the merges' round trip.</item>
/// </list>
/// Values are written with the column's store type from the EF model, as EF sends them (its value converters applied),
/// each through a typed <see cref="NpgsqlBinaryImporter.Write{T}(T, NpgsqlDbType)"/> compiled once per column (no boxing).
/// </summary>
internal sealed class PostgresRunEventStore : RunEventStore
{
    private readonly NpgsqlConnection _connection;
    private readonly CopyTable<SignalEntity> _signals;
    private readonly CopyTable<FillEntity> _fills;
    private readonly CopyTable<ExecutionLogEntity> _logs;
    private readonly CopyTable<OrderEntity> _orders;
    private readonly CopyTable<PositionEntity> _positions;
    private readonly string _mergeOrders;
    private readonly string _mergePositions;
    private readonly string _updateRun;
    private readonly NpgsqlDbType[] _runTypes;

    private PostgresRunEventStore(NpgsqlConnection connection, IModel model)
    {
        _connection = connection;
        var orders = new TableMap<OrderEntity>(model);
        var positions = new TableMap<PositionEntity>(model);
        var runs = new RunUpdate(model);
        _signals = new(model, new TableMap<SignalEntity>(model));
        _fills = new(model, new TableMap<FillEntity>(model));
        _logs = new(model, new TableMap<ExecutionLogEntity>(model));
        _orders = new(model, orders, StagingTable(orders));
        _positions = new(model, positions, StagingTable(positions));
        _mergeOrders = WriterSql.Merge(orders, _orders.Target, nameof(OrderEntity.RunId), nameof(OrderEntity.ClientOrderId));
        _mergePositions = WriterSql.Merge(positions, _positions.Target, nameof(PositionEntity.RunId), nameof(PositionEntity.Symbol));
        _updateRun = runs.Sql("GREATEST");
        _runTypes = [.. runs.Columns.Select(c => TypeOf(c.StoreType)), NpgsqlDbType.Uuid];
    }

    /// <summary>Creates the store on <paramref name="connection"/> (open, owned by the caller) and its staging tables.</summary>
    /// <exception cref="NotSupportedException">A written column has a store type the store does not know.</exception>
    public static async Task<PostgresRunEventStore> CreateAsync(NpgsqlConnection connection, IModel model, CancellationToken cancellationToken)
    {
        var store = new PostgresRunEventStore(connection, model);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new(CreateStaging(store._orders.Map)), new(CreateStaging(store._positions.Map)) },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return store;
    }

    /// <inheritdoc />
    public override async Task WriteAsync(RunEventRows rows, CancellationToken cancellationToken)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        await _orders.CopyAsync(_connection, rows.Orders.Values, cancellationToken);
        await _positions.CopyAsync(_connection, rows.Positions.Values, cancellationToken);
        await _signals.CopyAsync(_connection, rows.Signals, cancellationToken);
        await _fills.CopyAsync(_connection, rows.Fills, cancellationToken);
        await _logs.CopyAsync(_connection, rows.Logs, cancellationToken);

        await using var batch = new NpgsqlBatch(_connection, transaction);
        if (rows.Orders.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_mergeOrders));
        }

        if (rows.Positions.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_mergePositions));
        }

        foreach (var run in rows.Runs)
        {
            var command = new NpgsqlBatchCommand(_updateRun);
            for (var i = 0; i < _runTypes.Length; i++)
            {
                command.Parameters.Add(new NpgsqlParameter($"p{i}", _runTypes[i]) { Value = RunUpdate.Values[i](run) ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string StagingTable<T>(TableMap<T> map)
        where T : class => $"writer_{map.Table}";

    /// <summary>The connection's staging table of <paramref name="map"/>'s table: its written columns, no constraints, emptied at each commit.</summary>
    private static string CreateStaging<T>(TableMap<T> map)
        where T : class =>
        $"CREATE TEMPORARY TABLE IF NOT EXISTS {WriterSql.Quote(StagingTable(map))} ON COMMIT DELETE ROWS AS " +
        $"SELECT {ColumnList(map)} FROM {WriterSql.Quote(map.Table)} WITH NO DATA";

    private static string ColumnList<T>(TableMap<T> map)
        where T : class => string.Join(", ", map.Columns.Select(c => WriterSql.Quote(c.Name)));

    /// <summary>The Npgsql type of a column's PostgreSQL store type (its length or precision dropped).</summary>
    /// <exception cref="NotSupportedException">A type the writer's tables do not use.</exception>
    private static NpgsqlDbType TypeOf(string storeType) => (storeType.IndexOf('(', StringComparison.Ordinal) is var paren and >= 0 ? storeType[..paren] : storeType) switch
    {
        "uuid" => NpgsqlDbType.Uuid,
        "text" => NpgsqlDbType.Text,
        "character varying" => NpgsqlDbType.Varchar,
        "numeric" => NpgsqlDbType.Numeric,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "boolean" => NpgsqlDbType.Boolean,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "double precision" => NpgsqlDbType.Double,
        "bytea" => NpgsqlDbType.Bytea,
        var other => throw new NotSupportedException($"The PostgreSQL writer has no binary COPY mapping for column type '{other}'."),
    };

    /// <summary>The binary COPY of an entity's written columns into a table (its own, or a staging table).</summary>
    private sealed class CopyTable<T>
        where T : class
    {
        private static readonly MethodInfo WriteTyped = typeof(NpgsqlBinaryImporter).GetMethods()
            .Single(m => m.Name == nameof(NpgsqlBinaryImporter.Write) && m.IsGenericMethodDefinition
                && m.GetParameters() is [_, { ParameterType: var second }] && second == typeof(NpgsqlDbType));

        private readonly string _copy;
        private readonly Action<NpgsqlBinaryImporter, T>[] _writers;

        public CopyTable(IModel model, TableMap<T> map, string? target = null)
        {
            Map = map;
            Target = target ?? map.Table;
            _copy = $"COPY {WriterSql.Quote(Target)} ({ColumnList(map)}) FROM STDIN (FORMAT BINARY)";
            var entity = model.FindEntityType(typeof(T))!;
            _writers = [.. map.Columns.Select(c => Writer(entity.FindProperty(c.Property)!, TypeOf(c.StoreType)))];
        }

        public TableMap<T> Map { get; }

        /// <summary>The table copied into.</summary>
        public string Target { get; }

        public async Task CopyAsync(NpgsqlConnection connection, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                return;
            }

            // Rows are written synchronously: a value goes to Npgsql's buffer, and only a full buffer is sent (a blocking
            // send on the writer's own loop), which costs far less than an awaited call per value.
            await using var importer = await connection.BeginBinaryImportAsync(_copy, cancellationToken);
            foreach (var row in rows)
            {
                importer.StartRow();
                foreach (var write in _writers)
                {
                    write(importer, row);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        /// <summary>
        /// <c>(importer, row) =&gt; importer.Write&lt;TValue&gt;(convert(row.Property), type)</c>, or <c>importer.WriteNull()</c>
        /// when the property is null; <c>convert</c> is the property's EF value converter to the provider type, if any.
        /// </summary>
        private static Action<NpgsqlBinaryImporter, T> Writer(IProperty property, NpgsqlDbType type)
        {
            var importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
            var row = Expression.Parameter(typeof(T), "row");
            Expression value = Expression.Property(row, property.PropertyInfo!);
            var converter = property.GetTypeMapping().Converter;
            Expression Write(Expression v)
            {
                var provided = converter is null ? v : Expression.Invoke(converter.ConvertToProviderExpression, Expression.Convert(v, converter.ModelClrType));
                return Expression.Call(importer, WriteTyped.MakeGenericMethod(provided.Type), provided, Expression.Constant(type));
            }

            var writeNull = Expression.Call(importer, typeof(NpgsqlBinaryImporter).GetMethod(nameof(NpgsqlBinaryImporter.WriteNull))!);
            var body = value.Type.IsValueType && Nullable.GetUnderlyingType(value.Type) is null
                ? Write(value)
                : Expression.Condition(
                    Expression.NotEqual(value, Expression.Constant(null, value.Type)),
                    Write(Nullable.GetUnderlyingType(value.Type) is null ? value : Expression.Property(value, "Value")),
                    writeNull,
                    typeof(void));
            return Expression.Lambda<Action<NpgsqlBinaryImporter, T>>(body, importer, row).Compile();
        }
    }
}
