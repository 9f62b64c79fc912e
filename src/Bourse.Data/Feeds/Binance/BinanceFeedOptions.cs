namespace Bourse.Data.Feeds.Binance;

/// <summary>
/// Settings of the Binance spot market data feed (server section <c>MarketData:Binance</c>).
/// </summary>
public sealed class BinanceFeedOptions
{
    /// <summary>
    /// Base endpoint of Binance's WebSocket market streams (default <c>wss://stream.binance.com:9443</c>;
    /// <c>wss://data-stream.binance.vision</c> serves market data only). The feed connects to <c>{Url}/stream</c>.
    /// </summary>
    public string Url { get; set; } = "wss://stream.binance.com:9443";

    /// <summary>Venue part of the instrument ids (default <c>BINANCE</c>: <c>BTCUSDT.BINANCE</c>).</summary>
    public string Venue { get; set; } = "BINANCE";

    /// <summary>Binance symbols the feed offers, comma separated (default <c>BTCUSDT,ETHUSDT</c>), e.g. <c>BTCUSDT,ETHBTC</c>.</summary>
    public string Symbols { get; set; } = "BTCUSDT,ETHUSDT";

    /// <summary>Kline interval of the bars (default <c>1m</c>): one of 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w.</summary>
    public string KlineInterval { get; set; } = "1m";

    /// <summary>Wait before the first reconnection attempt (default 1 s); doubled after each failed attempt.</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between reconnection attempts (default 60 s).</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often the feed pings Binance, and how long it waits for the pong before it drops a silent connection
    /// (default 20 s each). Binance's own pings are answered with a pong carrying their payload by the WebSocket itself.
    /// </summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Trades and bars buffered for the reader (default 10000); when full the socket is not read until there is room.</summary>
    public int QueueCapacity { get; set; } = 10_000;
}
