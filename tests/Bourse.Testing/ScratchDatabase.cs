using System.Data.Common;
using System.Globalization;
using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bourse.Testing;

/// <summary>
/// A real SQLite file in a temporary folder, migrated and in WAL mode (as the server runs it), holding one plugin and the
/// runs the tests write events for. Deleted on dispose.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private ScratchDatabase(string path, DbContextOptions<SqliteBourseDbContext> options)
    {
        Path = path;
        Options = options;
        Factory = new BourseDbContextFactory<SqliteBourseDbContext>(new PooledDbContextFactory<SqliteBourseDbContext>(options));
    }

    /// <summary>The plugin every run of a scratch database belongs to.</summary>
    public static readonly Guid PluginId = new("6f1c1d9e-94a5-4c57-9e43-0b6f3d1f2a10");

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Options of a context on the file.</summary>
    public DbContextOptions<SqliteBourseDbContext> Options { get; }

    /// <summary>The factory the writer takes.</summary>
    public IDbContextFactory<BourseDbContext> Factory { get; }

    /// <summary>A migrated database with a row for each of <paramref name="runIds"/> (starting cash 100,000 USD).</summary>
    /// <param name="connectionOptions">Extra connection string keywords, e.g. <c>Default Timeout=1</c>.</param>
    public static async Task<ScratchDatabase> CreateAsync(IEnumerable<Guid> runIds, string connectionOptions = "")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bourse-persistence-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var options = new DbContextOptionsBuilder<SqliteBourseDbContext>().UseSqlite($"Data Source={path};Pooling=False;{connectionOptions}").Options;
        var database = new ScratchDatabase(path, options);
        await using var db = new SqliteBourseDbContext(options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
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
        return database;
    }

    /// <summary>A fresh context.</summary>
    public BourseDbContext Open() => new SqliteBourseDbContext(Options);

    /// <summary>A connection that takes the write lock (<c>BEGIN IMMEDIATE</c>) and holds it until disposed: the database refuses writers.</summary>
    public async Task<IAsyncDisposable> LockAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        var transaction = connection.BeginTransaction(deferred: false);
        return new Lock(connection, transaction);
    }

    /// <summary>
    /// Every row of <paramref name="table"/> as stored, without the surrogate <c>id</c>: each column as
    /// <c>name=storage type:value</c> (SQLite storage class via the value's type), rows sorted.
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
    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static string Describe(DbDataReader reader, int i)
    {
        var value = reader.GetValue(i);
        return value switch
        {
            DBNull => "null",
            byte[] bytes => $"blob:{Convert.ToHexString(bytes)}",
            _ => $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}",
        };
    }

    private sealed class Lock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
