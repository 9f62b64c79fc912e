using Bourse.Testing;

namespace Bourse.Persistence.Tests;

/// <summary>
/// A fact on one database provider (<c>sqlite</c> or <c>postgres</c>); on PostgreSQL it is skipped, with
/// <see cref="PostgresCluster.UnavailableReason"/> as the reason, when PostgreSQL's binaries are missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute
{
    /// <summary>A fact on <paramref name="provider"/>.</summary>
    public DatabaseFactAttribute(string provider)
    {
        Provider = provider;
        if (provider == "postgres")
        {
            Skip = PostgresCluster.UnavailableReason!;
        }
    }

    /// <summary>The provider the fact runs on.</summary>
    public string Provider { get; }
}
