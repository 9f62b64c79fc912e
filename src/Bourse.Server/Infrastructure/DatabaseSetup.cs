using Bourse.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Infrastructure;

/// <summary>Registers <see cref="BourseDbContext"/> for the configured provider (<c>Database:Provider</c>: sqlite or postgres).</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Adds a pooled factory of the provider's context, served as <see cref="IDbContextFactory{BourseDbContext}"/>. SQLite:
    /// relative file paths are resolved against the working directory and the folder is created.
    /// </summary>
    /// <exception cref="NotSupportedException">The provider is neither "sqlite" nor "postgres".</exception>
    public static IServiceCollection AddBourseDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.IsPostgres)
        {
            services.AddPooledDbContextFactory<PostgresBourseDbContext>(builder => builder.UseNpgsql(options.ConnectionString));
            services.AddSingleton<IDbContextFactory<BourseDbContext>, BourseDbContextFactory<PostgresBourseDbContext>>();
        }
        else
        {
            var connectionString = SqliteConnectionString(options.ConnectionString);
            services.AddPooledDbContextFactory<SqliteBourseDbContext>(builder => builder.UseSqlite(connectionString));
            services.AddSingleton<IDbContextFactory<BourseDbContext>, BourseDbContextFactory<SqliteBourseDbContext>>();
        }

        return services;
    }

    /// <summary>A new, unpooled context on the database <paramref name="options"/> names (tools and tests).</summary>
    /// <exception cref="NotSupportedException">The provider is neither "sqlite" nor "postgres".</exception>
    public static BourseDbContext Open(DatabaseOptions options) =>
        options.IsPostgres
            ? PostgresBourseDbContext.Open(options.ConnectionString)
            : SqliteBourseDbContext.Open(SqliteConnectionString(options.ConnectionString));

    /// <summary>Makes the SQLite data source absolute (relative to the working directory) and creates its folder.</summary>
    public static string SqliteConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}
