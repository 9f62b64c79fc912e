using Bourse.Testing;

namespace Bourse.Server.Tests.Postgres;

/// <summary>
/// <c>[Fact]</c> in this project (a global alias): skipped, with <see cref="PostgresCluster.UnavailableReason"/> as the reason,
/// when PostgreSQL's binaries are missing.
/// </summary>
public sealed class PostgresFactAttribute : Xunit.FactAttribute
{
    /// <summary>Sets <see cref="Xunit.FactAttribute.Skip"/> when PostgreSQL cannot run here.</summary>
    public PostgresFactAttribute() => Skip = PostgresCluster.UnavailableReason!;
}

/// <summary><c>[Theory]</c> in this project (a global alias): skipped like <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : Xunit.TheoryAttribute
{
    /// <summary>Sets <see cref="Xunit.FactAttribute.Skip"/> when PostgreSQL cannot run here.</summary>
    public PostgresTheoryAttribute() => Skip = PostgresCluster.UnavailableReason!;
}
