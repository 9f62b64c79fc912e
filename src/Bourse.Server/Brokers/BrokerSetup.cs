namespace Bourse.Server.Brokers;

/// <summary>Registers the broker accounts runs may trade through.</summary>
public static class BrokerSetup
{
    /// <summary>Binds <see cref="BrokerOptions"/> (section <c>Brokers</c>) and registers <see cref="BrokerClients"/> with its HTTP client.</summary>
    public static IServiceCollection AddBrokers(this IServiceCollection services)
    {
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section);
        services.AddHttpClient(BrokerClients.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<BrokerClients>();
        return services;
    }
}
