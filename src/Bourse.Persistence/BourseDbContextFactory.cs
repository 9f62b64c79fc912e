using Microsoft.EntityFrameworkCore;

namespace Bourse.Persistence;

/// <summary>Serves the provider's context (<typeparamref name="TContext"/>, e.g. from a pooled factory) as a <see cref="BourseDbContext"/>.</summary>
/// <typeparam name="TContext">The provider's context type.</typeparam>
public sealed class BourseDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<BourseDbContext>
    where TContext : BourseDbContext
{
    /// <inheritdoc />
    public BourseDbContext CreateDbContext() => inner.CreateDbContext();

    /// <inheritdoc />
    public async Task<BourseDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
