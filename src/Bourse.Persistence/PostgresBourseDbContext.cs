using Microsoft.EntityFrameworkCore;

namespace Bourse.Persistence;

/// <summary>
/// The Bourse model on PostgreSQL (Npgsql); owns the migrations under <c>Migrations/Postgres</c>. Decimals are
/// unconstrained <c>numeric</c>, which keeps every digit the engine computed (a commission is not rounded to a fixed
/// scale), as SQLite keeps them as text.
/// </summary>
public sealed class PostgresBourseDbContext(DbContextOptions<PostgresBourseDbContext> options) : BourseDbContext(options)
{
    /// <summary>A context on <paramref name="connectionString"/> (an Npgsql connection string such as <c>Host=localhost;Database=bourse;Username=bourse;Password=…</c>).</summary>
    public static PostgresBourseDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresBourseDbContext>().UseNpgsql(connectionString).Options);
}
