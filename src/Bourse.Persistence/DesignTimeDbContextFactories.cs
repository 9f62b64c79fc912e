using Microsoft.EntityFrameworkCore.Design;

namespace Bourse.Persistence;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteBourseDbContext</c> build the context without the server (never connects).</summary>
public sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteBourseDbContext>
{
    /// <inheritdoc />
    public SqliteBourseDbContext CreateDbContext(string[] args) => SqliteBourseDbContext.Open("Data Source=design-time.db");
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresBourseDbContext</c> build the context without a server (never connects).</summary>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresBourseDbContext>
{
    /// <inheritdoc />
    public PostgresBourseDbContext CreateDbContext(string[] args) => PostgresBourseDbContext.Open("Host=localhost;Database=bourse_design_time");
}
