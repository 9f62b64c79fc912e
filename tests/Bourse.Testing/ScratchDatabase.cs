using System.Data.Common;
using System.Globalization;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Bourse.Testing;

/// <summary>
/// A real, migrated database holding one plugin and the runs the tests write events for: a SQLite file in a temporary
/// folder in WAL mode (as the server runs it), or a fresh database on the process's throwaway PostgreSQL
/// (<see cref="PostgresCluster"/>). Deleted (dropped) on dispose.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly Func<BourseDbContext> _open;
    private readonly Func<Task> _delete;

    private ScratchDatabase(string provider, Func<BourseDbContext> open, IDbContextFactory<BourseDbContext> factory, Func<Task> delete)
    {
        Provider = provider;
        _open = open;
        Factory = factory;
        _delete = delete;
    }

    /// <summary>The plugin every run of a scratch database belongs to.</summary>
    public static readonly Guid PluginId = new("6f1c1d9e-94a5-4c57-9e43-0b6f3d1f2a10");

    /// <summary>The provider: <c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider { get; }

    /// <summary>The factory the writer takes.</summary>
    public IDbContextFactory<BourseDbContext> Factory { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? Path { get; private init; }

    /// <summary>A migrated database of <paramref name="provider"/> (<c>sqlite</c> or <c>postgres</c>) with a row for each of <paramref name="runIds"/>.</summary>
    /// <exception cref="ArgumentException">Unknown provider.</exception>
    public static Task<ScratchDatabase> CreateAsync(string provider, IEnumerable<Guid> runIds) => provider switch
    {
        "sqlite" => CreateAsync(runIds),
        "postgres" => CreatePostgresAsync(runIds),
        _ => throw new ArgumentException($"Unknown provider '{provider}' (sqlite or postgres).", nameof(provider)),
    };

    /// <summary>A migrated SQLite file with a row for each of <paramref name="runIds"/> (starting cash 100,000 USD).</summary>
    /// <param name="runIds">The runs.</param>
    /// <param name="connectionOptions">Extra connection string keywords, e.g. <c>Default Timeout=1</c>.</param>
    public static async Task<ScratchDatabase> CreateAsync(IEnumerable<Guid> runIds, string connectionOptions = "")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bourse-persistence-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var options = new DbContextOptionsBuilder<SqliteBourseDbContext>().UseSqlite($"Data Source={path};Pooling=False;{connectionOptions}").Options;
        var database = new ScratchDatabase(
            "sqlite",
            () => new SqliteBourseDbContext(options),
            new BourseDbContextFactory<SqliteBourseDbContext>(new PooledDbContextFactory<SqliteBourseDbContext>(options)),
            async () =>
            {
                SqliteConnection.ClearAllPools();
                await Task.Yield();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }) { Path = path };
        await using var db = database.Open();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await SeedAsync(db, runIds);
        return database;
    }

    /// <summary>A migrated database on the throwaway PostgreSQL with a row for each of <paramref name="runIds"/> (starting cash 100,000 USD).</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is unavailable here (<see cref="PostgresCluster.UnavailableReason"/>).</exception>
    public static async Task<ScratchDatabase> CreatePostgresAsync(IEnumerable<Guid> runIds)
    {
        var cluster = PostgresCluster.Shared;
        var name = "scratch_" + Guid.NewGuid().ToString("N");
        var connectionString = cluster.CreateDatabase(name);
        var options = new DbContextOptionsBuilder<PostgresBourseDbContext>().UseNpgsql(connectionString).Options;
        var database = new ScratchDatabase(
            "postgres",
            () => new PostgresBourseDbContext(options),
            new BourseDbContextFactory<PostgresBourseDbContext>(new PooledDbContextFactory<PostgresBourseDbContext>(options)),
            async () =>
            {
                NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
                await using var server = new NpgsqlConnection(cluster.CreateDatabase("postgres"));
                await server.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", server);
                await drop.ExecuteNonQueryAsync();
            });
        await using var db = database.Open();
        await db.Database.MigrateAsync();
        await SeedAsync(db, runIds);
        return database;
    }

    /// <summary>A fresh context.</summary>
    public BourseDbContext Open() => _open();

    /// <summary>
    /// Makes the database refuse every write of a fill until disposed: on SQLite another connection holds the write lock
    /// (<c>BEGIN IMMEDIATE</c>; open the database with a short <c>Default Timeout</c>), on PostgreSQL a trigger raises an error.
    /// </summary>
    public async Task<IAsyncDisposable> RefuseWritesAsync()
    {
        if (Path is { } path)
        {
            var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            var transaction = connection.BeginTransaction(deferred: false);
            return new Release(async () =>
            {
                await transaction.RollbackAsync();
                await connection.DisposeAsync();
            });
        }

        await using (var db = Open())
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE FUNCTION refuse_fills() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'writes refused'; END $$");
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_fills BEFORE INSERT ON fills FOR EACH ROW EXECUTE FUNCTION refuse_fills()");
        }

        return new Release(async () =>
        {
            await using var db = Open();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_fills ON fills; DROP FUNCTION refuse_fills()");
        });
    }

    /// <summary>
    /// Every row of <paramref name="table"/> as stored, without the surrogate <c>id</c>: each column as
    /// <c>name=type:value</c> (the value's CLR type as the provider reads it, e.g. SQLite's storage class), rows sorted.
    /// </summary>
    public async Task<List<string>> RowsAsync(string table)
    {
        await using var db = Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                .Where(i => reader.GetName(i) != "id")
                .Select(i => $"{reader.GetName(i)}={Describe(reader, i)}")));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _delete();

    private static async Task SeedAsync(BourseDbContext db, IEnumerable<Guid> runIds)
    {
        var plugin = new PluginEntity { Id = PluginId, Name = "recorded", TypeName = "Recorded", CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        db.Plugins.Add(plugin);
        foreach (var runId in runIds)
        {
            db.Runs.Add(new RunEntity
            {
                Id = runId,
                PluginId = plugin.Id,
                OwnerId = Guid.Empty,
                Symbols = "SPY.USA",
                StartingCash = 100_000m,
                StartTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            });
        }

        await db.SaveChangesAsync();
    }

    private static string Describe(DbDataReader reader, int i)
    {
        var value = reader.GetValue(i);
        return value switch
        {
            DBNull => "null",
            byte[] bytes => $"blob:{Convert.ToHexString(bytes)}",
            DateTime time => $"DateTime:{time:O}",
            _ => $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}",
        };
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
