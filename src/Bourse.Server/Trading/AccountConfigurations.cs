using Bourse.Persistence;
using Bourse.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bourse.Server.Trading;

/// <summary>
/// A brokerage account's configuration (Alpaca's account configurations). <see cref="SuspendTrade"/> and
/// <see cref="NoShorting"/> are enforced on order placement (<see cref="BrokerAccounts.SubmitAsync"/>); the others are
/// stored and echoed (the paper account has no margin, day trading or e-mail rules to apply them to).
/// </summary>
/// <param name="DtbpCheck">Day trading margin call check: both, entry or exit.</param>
/// <param name="TradeConfirmEmail">all or none.</param>
/// <param name="SuspendTrade">True: new orders are refused.</param>
/// <param name="NoShorting">True: long only; a sell larger than the long position is refused.</param>
/// <param name="FractionalTrading">Fractional quantities allowed.</param>
/// <param name="MaxMarginMultiplier">1, 2 or 4.</param>
/// <param name="PdtCheck">Pattern day trader check: both, entry or exit.</param>
/// <param name="PtpNoExceptionEntry">Publicly traded partnership orders without the exception.</param>
public sealed record AccountConfiguration(
    string DtbpCheck,
    string TradeConfirmEmail,
    bool SuspendTrade,
    bool NoShorting,
    bool FractionalTrading,
    decimal MaxMarginMultiplier,
    string PdtCheck,
    bool PtpNoExceptionEntry)
{
    /// <summary>A new account's configuration (Alpaca's defaults).</summary>
    public static AccountConfiguration Default { get; } = From(new AccountConfigurationEntity());

    /// <summary>The configuration a stored row holds.</summary>
    public static AccountConfiguration From(AccountConfigurationEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.DtbpCheck, row.TradeConfirmEmail, row.SuspendTrade, row.NoShorting, row.FractionalTrading, row.MaxMarginMultiplier, row.PdtCheck, row.PtpNoExceptionEntry);
    }
}

/// <summary>The account configurations, per user (table <c>account_configurations</c>; a user without a row has the defaults).</summary>
public sealed class AccountConfigurations(IDbContextFactory<BourseDbContext> contexts, TimeProvider clock)
{
    /// <summary>The user's configuration.</summary>
    public async Task<AccountConfiguration> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.AccountConfigurations.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        return row is null ? AccountConfiguration.Default : AccountConfiguration.From(row);
    }

    /// <summary>Stores <paramref name="configuration"/> as the user's and answers it.</summary>
    public async Task<AccountConfiguration> SetAsync(Guid userId, AccountConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.AccountConfigurations.SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new AccountConfigurationEntity { UserId = userId };
            db.AccountConfigurations.Add(row);
        }

        row.DtbpCheck = configuration.DtbpCheck;
        row.TradeConfirmEmail = configuration.TradeConfirmEmail;
        row.SuspendTrade = configuration.SuspendTrade;
        row.NoShorting = configuration.NoShorting;
        row.FractionalTrading = configuration.FractionalTrading;
        row.MaxMarginMultiplier = configuration.MaxMarginMultiplier;
        row.PdtCheck = configuration.PdtCheck;
        row.PtpNoExceptionEntry = configuration.PtpNoExceptionEntry;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return configuration;
    }
}
