using Bourse.Engine.Runs;
using Bourse.Persistence.Entities;
using Bourse.Sdk.Orders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bourse.Persistence.Writing;

/// <summary>
/// The fast writer of run events: projects a batch into rows (<see cref="RunEventProjector"/>) and writes them in one
/// transaction through raw ADO.NET on one long-lived connection, never through EF change tracking: on SQLite prepared
/// statements (<see cref="SqliteRunEventStore"/>), on PostgreSQL binary COPY (<see cref="PostgresRunEventStore"/>).
/// EF reads the little state the projection needs: which runs exist with their starting cash and their working orders
/// (once per run, when the writer first meets it), and the stored rows of ended orders a batch touches. The working
/// orders stay cached until they end, so an order that is not cached is either created by the batch (its first event
/// there is a submission, rejection or hold: no lookup) or ended (looked up). Events of runs without a row are skipped.
/// Not thread-safe: one writer loop calls it. A batch that throws left nothing in the database and changed no cache, so
/// writing the same batch again is exact; the connection is reopened on the next call.
/// </summary>
public sealed class RunEventBatchWriter(IDbContextFactory<BourseDbContext> contexts, TimeProvider wallClock) : IAsyncDisposable
{
    private static readonly string[] EndedOrders = ["filled", "canceled", "rejected", "expired"];

    private readonly RunEventProjector _projector = new(wallClock);
    private readonly Dictionary<Guid, decimal> _startingCash = [];
    private readonly Dictionary<(Guid RunId, string ClientOrderId), OrderEntity> _workingOrders = [];
    private BourseDbContext? _db;
    private RunEventStore? _store;

    /// <summary>The source of the log rows risk decisions are stored as.</summary>
    public const string RiskSource = RunEventProjector.RiskSource;

    /// <summary>Rows written by the last successful batch (inserts, upserts, run updates).</summary>
    public int LastRowCount { get; private set; }

    /// <summary>Applies and saves <paramref name="events"/> (in their order) in one transaction. Returns the number of events applied.</summary>
    /// <exception cref="DbException">The database refused the batch or could not be reached; nothing of the batch was stored.</exception>
    public async Task<int> WriteAsync(IReadOnlyList<RunEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        try
        {
            var (db, store) = await OpenAsync(cancellationToken);
            await LoadRunsAsync(db, events, cancellationToken);
            var orders = await CommittedOrdersAsync(db, events, cancellationToken);
            var rows = _projector.Project(events, _startingCash, orders);
            await store.WriteAsync(rows, cancellationToken);
            foreach (var (key, order) in rows.Orders)
            {
                if (EndedOrders.Contains(order.Status, StringComparer.Ordinal))
                {
                    _workingOrders.Remove(key);
                }
                else
                {
                    _workingOrders[key] = order;
                }
            }

            foreach (var ended in events.OfType<RunStopped>())
            {
                _workingOrders.Keys.Where(k => k.RunId == ended.RunId.Value).ToList().ForEach(k => _workingOrders.Remove(k));
            }

            LastRowCount = rows.RowCount;
            return rows.Applied;
        }
        catch
        {
            await CloseAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => CloseAsync();

    private async Task<(BourseDbContext Db, RunEventStore Store)> OpenAsync(CancellationToken cancellationToken)
    {
        if (_db is not null && _store is not null)
        {
            return (_db, _store);
        }

        var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            _store = connection switch
            {
                SqliteConnection sqlite => new SqliteRunEventStore(sqlite, db.Model),
                NpgsqlConnection npgsql => await PostgresRunEventStore.CreateAsync(npgsql, db.Model, cancellationToken),
                _ => throw new NotSupportedException($"The run event writer does not support {connection.GetType().Name}."),
            };
            _db = db;
            return (db, _store);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private async ValueTask CloseAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }

        if (_db is not null)
        {
            await _db.DisposeAsync();
            _db = null;
        }
    }

    private async Task LoadRunsAsync(BourseDbContext db, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken)
    {
        var unknown = events.Select(e => e.RunId.Value).Where(id => !_startingCash.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        // Runs are never deleted and their starting cash never changes: once seen, a run stays known. Its working orders
        // (stored by an earlier writer, e.g. before a restart) join the cache; from then on this writer writes them all.
        foreach (var run in await db.Runs.AsNoTracking().Where(r => unknown.Contains(r.Id)).Select(r => new { r.Id, r.StartingCash }).ToListAsync(cancellationToken))
        {
            _startingCash[run.Id] = run.StartingCash;
        }

        var working = await db.Orders.AsNoTracking()
            .Where(o => unknown.Contains(o.RunId) && !EndedOrders.Contains(o.Status))
            .ToListAsync(cancellationToken);
        foreach (var order in working)
        {
            _workingOrders[(order.RunId, order.ClientOrderId)] = order;
        }
    }

    private async Task<IReadOnlyDictionary<(Guid RunId, string ClientOrderId), OrderEntity>> CommittedOrdersAsync(
        BourseDbContext db, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(Guid RunId, string ClientOrderId), OrderEntity>();
        var created = new HashSet<(Guid RunId, string ClientOrderId)>();
        var missing = new Dictionary<Guid, HashSet<string>>();
        foreach (var recorded in events.OfType<OrderEventRecorded>())
        {
            var key = (recorded.RunId.Value, recorded.Event.OrderId.Value);
            if (result.ContainsKey(key) || created.Contains(key))
            {
                continue;
            }

            if (_workingOrders.TryGetValue(key, out var order))
            {
                result[key] = order;
            }
            else if (recorded.Event is OrderSubmitted or OrderRejected or OrderHeld)
            {
                // Not working, so not stored yet (an order is submitted, rejected or held once, before it can end).
                created.Add(key);
            }
            else if (_startingCash.ContainsKey(key.Item1))
            {
                (missing.TryGetValue(key.Item1, out var ids) ? ids : missing[key.Item1] = []).Add(key.Item2);
            }
        }

        foreach (var (runId, ids) in missing)
        {
            var list = ids.ToList();
            foreach (var order in await db.Orders.AsNoTracking().Where(o => o.RunId == runId && list.Contains(o.ClientOrderId)).ToListAsync(cancellationToken))
            {
                result[(order.RunId, order.ClientOrderId)] = order;
            }
        }

        return result;
    }
}
