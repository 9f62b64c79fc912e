using Bourse.Server.Runs;

namespace Bourse.Server.Trading;

/// <summary>Registers the paper brokerage accounts.</summary>
public static class TradingSetup
{
    /// <summary>
    /// Adds <see cref="BrokerAccounts"/>, <see cref="CommittedRunEvents"/> and the hosted <see cref="BrokerAccountPlugin"/>.
    /// Call it among the hosted services after the plugin loader (the database exists) and before run recovery (which
    /// resumes the accounts' runs with this plugin).
    /// </summary>
    public static IServiceCollection AddBourseTrading(this IServiceCollection services)
    {
        services.AddSingleton<CommittedRunEvents>();
        services.AddSingleton<BrokerAccountPlugin>();
        services.AddSingleton<BrokerAccounts>();
        services.AddHostedService(sp => sp.GetRequiredService<BrokerAccountPlugin>());
        return services;
    }
}
