using Microsoft.EntityFrameworkCore;

namespace Bourse.Persistence;

/// <summary>The Bourse model on SQLite; owns the migrations under <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteBourseDbContext(DbContextOptions<SqliteBourseDbContext> options) : BourseDbContext(options)
{
    /// <summary>A context on <paramref name="connectionString"/> (an SQLite connection string such as <c>Data Source=bourse.db</c>).</summary>
    public static SqliteBourseDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<SqliteBourseDbContext>().UseSqlite(connectionString).Options);

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // Only a model annotation on SQLite, which stores decimals as TEXT with every digit; kept as its migrations have it.
        configurationBuilder.Properties<decimal>().HavePrecision(28, 10);
    }
}
