using Bourse.Server.Alpaca.Trading;
using Bourse.Server.Runs;

namespace Bourse.Server.Trading;

/// <summary>Registers the paper brokerage accounts and their Alpaca dialect.</summary>
public static class TradingSetup
{
    /// <summary>
    /// Adds <see cref="PaperAccountOptions"/> (section <c>Trading</c>), <see cref="BrokerAccounts"/> (with their
    /// <see cref="AccountConfigurations"/>, <see cref="BrokerTrades"/> and <see cref="EquityHistory"/>), <see cref="CommittedRunEvents"/>, the hosted <see cref="BrokerAccountPlugin"/> and
    /// <see cref="AlpacaOrderMapping"/> (the <c>/v2</c> trading endpoints' translation).
    /// Call it among the hosted services after the plugin loader (the database exists) and before run recovery (which
    /// resumes the accounts' runs with this plugin).
    /// </summary>
    public static IServiceCollection AddBourseTrading(this IServiceCollection services)
    {
        services.AddOptions<PaperAccountOptions>().BindConfiguration(PaperAccountOptions.Section);
        services.AddSingleton<CommittedRunEvents>();
        services.AddSingleton<BrokerAccountPlugin>();
        services.AddSingleton<BrokerAccounts>();
        services.AddSingleton<AccountConfigurations>();
        services.AddSingleton<BrokerTrades>();
        services.AddSingleton<EquityHistory>();
        services.AddSingleton<AlpacaOrderMapping>();
        services.AddHostedService(sp => sp.GetRequiredService<BrokerAccountPlugin>());
        return services;
    }
}
