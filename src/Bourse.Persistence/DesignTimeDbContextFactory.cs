using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bourse.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the server (SQLite, a throw-away file).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BourseDbContext>
{
    /// <inheritdoc />
    public BourseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BourseDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
