using Bourse.Persistence;
#if POSTGRES
using Bourse.Testing;
#endif

namespace Bourse.Server.Tests;

/// <summary>
/// The database the server tests run against: a real SQLite file in Bourse.Server.Tests, a throwaway PostgreSQL
/// (<see cref="Bourse.Testing.PostgresCluster"/>) in Bourse.Server.Tests.Postgres, which compiles these same sources with
/// <c>POSTGRES</c> defined. One database per server folder: a server restarted on the same folder finds its data again.
/// </summary>
internal static class TestDatabase
{
#if POSTGRES
    /// <summary>The <c>Database:Provider</c> the server is configured with.</summary>
    public const string Provider = "postgres";

    /// <summary>The connection string of the database of the server in <paramref name="folder"/> (created if new).</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is unavailable (the tests are skipped then) or failed to start.</exception>
    public static string ConnectionString(string folder) =>
        PostgresCluster.Shared.CreateDatabase("bourse_" + Path.GetFileName(folder).ToLowerInvariant());

    /// <summary>A fresh context on <paramref name="connectionString"/>, independent of the server's services.</summary>
    public static BourseDbContext Open(string connectionString) => PostgresBourseDbContext.Open(connectionString);
#else
    /// <summary>The <c>Database:Provider</c> the server is configured with.</summary>
    public const string Provider = "sqlite";

    /// <summary>The connection string of the database file of the server in <paramref name="folder"/>.</summary>
    public static string ConnectionString(string folder) => $"Data Source={Path.Combine(folder, "bourse.db")}";

    /// <summary>A fresh, unpooled context on <paramref name="connectionString"/> (no file handle outlives it).</summary>
    public static BourseDbContext Open(string connectionString) => SqliteBourseDbContext.Open(connectionString + ";Pooling=False");
#endif
}
