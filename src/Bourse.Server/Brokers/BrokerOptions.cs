namespace Bourse.Server.Brokers;

/// <summary>
/// The broker accounts runs may trade through, defined by the operator in configuration (section <c>Brokers</c>), e.g.
/// <c>Brokers:Alpaca:paper:BaseUrl</c>, <c>Brokers:Alpaca:paper:KeyId</c>, <c>Brokers:Alpaca:paper:SecretKey</c>. A run's
/// start request selects one by name (<c>"broker": "paper"</c>); without one the run trades on the simulated exchange.
/// Credentials stay in configuration: they are never stored in the database nor logged.
/// </summary>
public sealed class BrokerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Brokers";

    /// <summary>Alpaca-compatible accounts by name.</summary>
    public Dictionary<string, AlpacaAccountOptions> Alpaca { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One account at an Alpaca-compatible trading API (Alpaca's paper or live API, or another Bourse server's <c>/v2</c>).</summary>
public sealed class AlpacaAccountOptions
{
    /// <summary>The API's base address, without <c>/v2</c> (e.g. <c>https://paper-api.alpaca.markets</c>).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The trade_updates WebSocket address; default <c>{BaseUrl}/stream</c> with the ws/wss scheme.</summary>
    public Uri? StreamUrl { get; init; }

    /// <summary>The API key id (sent as <c>APCA-API-KEY-ID</c>).</summary>
    public string? KeyId { get; init; }

    /// <summary>The API secret key (sent as <c>APCA-API-SECRET-KEY</c>).</summary>
    public string? SecretKey { get; init; }

    /// <summary>Why the account cannot be used, or null when it can.</summary>
    public string? Problem() => BaseUrl is not { IsAbsoluteUri: true } ? "BaseUrl must be an absolute http(s) address"
        : string.IsNullOrWhiteSpace(KeyId) || string.IsNullOrWhiteSpace(SecretKey) ? "KeyId and SecretKey are required"
        : null;

    /// <summary>The stream's address: <see cref="StreamUrl"/>, else <c>{BaseUrl}/stream</c> with the ws/wss scheme.</summary>
    public Uri StreamAddress()
    {
        if (StreamUrl is { } url)
        {
            return url;
        }

        var builder = new UriBuilder(Address("stream")) { Scheme = BaseUrl!.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        return builder.Uri;
    }

    /// <summary>An address under <see cref="BaseUrl"/>, e.g. <c>v2/orders</c>.</summary>
    public Uri Address(string path) => new($"{BaseUrl!.AbsoluteUri.TrimEnd('/')}/{path}");
}
