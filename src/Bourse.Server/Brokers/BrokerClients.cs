using Bourse.Engine.Runs;
using Bourse.Server.Alpaca;
using Bourse.Server.Brokers.Alpaca;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Brokers;

/// <summary>The configured broker accounts (<see cref="BrokerOptions"/>) and the execution clients runs trade through them with.</summary>
public sealed class BrokerClients(
    IOptions<BrokerOptions> options, IHttpClientFactory http, AlpacaSymbols symbols, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>The name of the HTTP client the execution clients send with.</summary>
    public const string HttpClientName = "brokers";

    /// <summary>Why a run cannot trade through the broker <paramref name="name"/> (not configured, or misconfigured), or null when it can.</summary>
    public string? Problem(string name)
    {
        var accounts = options.Value.Alpaca;
        if (!accounts.TryGetValue(name, out var account))
        {
            return accounts.Count == 0
                ? $"No broker named '{name}' is configured (the server has none: Brokers:Alpaca:<name>)."
                : $"No broker named '{name}' is configured; configured: {string.Join(", ", accounts.Keys.Order(StringComparer.Ordinal))}.";
        }

        return account.Problem() is { } problem ? $"Broker '{name}' is misconfigured: {problem}." : null;
    }

    /// <summary>A new execution client for <paramref name="settings"/>' run through the broker <paramref name="name"/> (check <see cref="Problem"/> first), not started.</summary>
    /// <exception cref="InvalidOperationException">The broker is not usable (the message says why).</exception>
    public AlpacaExecutionClient Create(string name, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Problem(name) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        return new AlpacaExecutionClient(
            name, options.Value.Alpaca[name], settings.RunId, settings.Instruments.Select(i => i.Id), symbols,
            http.CreateClient(HttpClientName), time, loggers.CreateLogger<AlpacaExecutionClient>());
    }
}
