using Bourse.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Infrastructure;

/// <summary>Registers <see cref="BourseDbContext"/> for the configured provider.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Adds a pooled <see cref="IDbContextFactory{BourseDbContext}"/>. SQLite: relative file paths are resolved against the
    /// working directory and the folder is created.
    /// </summary>
    /// <exception cref="NotSupportedException">The provider is not "sqlite".</exception>
    public static IServiceCollection AddBourseDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddPooledDbContextFactory<BourseDbContext>(builder => Configure(builder, options));
        return services;
    }

    /// <summary>Configures <paramref name="builder"/> for <paramref name="options"/>; the seam for more providers.</summary>
    /// <exception cref="NotSupportedException">The provider is not supported yet.</exception>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions options) =>
        options.Provider.ToLowerInvariant() switch
        {
            "sqlite" => builder.UseSqlite(SqliteConnectionString(options.ConnectionString)),
            _ => throw new NotSupportedException($"Database provider '{options.Provider}' is not supported yet; use 'sqlite'."),
        };

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
