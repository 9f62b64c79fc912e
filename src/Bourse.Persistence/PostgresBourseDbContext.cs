using Microsoft.EntityFrameworkCore;

namespace Bourse.Persistence;

/// <summary>The Bourse model on PostgreSQL (Npgsql); owns the migrations under <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresBourseDbContext(DbContextOptions<PostgresBourseDbContext> options) : BourseDbContext(options)
{
    /// <summary>A context on <paramref name="connectionString"/> (an Npgsql connection string such as <c>Host=localhost;Database=bourse;Username=bourse;Password=…</c>).</summary>
    public static PostgresBourseDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresBourseDbContext>().UseNpgsql(connectionString).Options);
}
