using System.Text;
using Bourse.Data.Feeds.Binance;
using Bourse.Sdk.Identifiers;
using Bourse.Sdk.MarketData;
using Bourse.Sdk.Orders;
using Bourse.Testing.Binance;

namespace Bourse.Data.Tests.Feeds.Binance;

public sealed class BinanceMessageTests
{
    private static readonly InstrumentId BtcUsdt = InstrumentId.Parse("BTCUSDT.BINANCE");

    private static BinanceMessage Parse(string json) => BinanceMessage.Parse(Encoding.UTF8.GetBytes(json), "BINANCE");

    /// <summary>The first closed kline and the trades of the BTC fixture, as recorded.</summary>
    private static IEnumerable<string> Fixture() => File.ReadLines(FakeBinanceServer.FixturePath("btcusdt"));

    [Fact]
    public void A_recorded_trade_becomes_a_trade_tick_with_the_seller_as_aggressor_when_the_buyer_made_the_market()
    {
        var lines = Fixture().Where(l => l.Contains("@trade", StringComparison.Ordinal)).ToList();
        var buy = Parse(lines[0]);
        Assert.Equal(BinanceMessageKind.Trade, buy.Kind);
        Assert.Equal(new TradeTick(BtcUsdt, 9682m, 0.132m, Side.Buy, DateTimeOffset.FromUnixTimeMilliseconds(1582329602111).UtcDateTime), buy.Item.Trade);

        var sell = Parse(lines.First(l => l.Contains("\"m\":true", StringComparison.Ordinal)));
        Assert.Equal(Side.Sell, sell.Item.Trade!.Aggressor);
    }

    [Fact]
    public void Only_a_closed_kline_is_a_bar()
    {
        var klines = Fixture().Where(l => l.Contains("@kline_1m", StringComparison.Ordinal)).ToList();
        Assert.Equal(BinanceMessageKind.KlineUpdate, Parse(klines[0]).Kind);

        var closed = Parse(klines.First(l => l.Contains("\"x\":true", StringComparison.Ordinal)));
        Assert.Equal(BinanceMessageKind.Bar, closed.Kind);
        var bar = closed.Item.Bar!;
        Assert.Equal(BtcUsdt, bar.Instrument);
        Assert.Equal(BarPeriod.OneMinute, bar.Period);
        Assert.Equal(new DateTime(2020, 2, 22, 0, 0, 0, DateTimeKind.Utc), bar.OpenTime);
        Assert.True(bar.Low <= bar.Open && bar.Open <= bar.High && bar.Volume.Value > 0);
    }

    [Fact]
    public void Replies_errors_and_the_shutdown_event_are_recognised()
    {
        Assert.Equal(new BinanceMessage(BinanceMessageKind.Reply, Id: 7), Parse("{\"result\":null,\"id\":7}"));
        var error = Parse("{\"code\":2,\"msg\":\"Invalid request: unknown variant\",\"id\":8}");
        Assert.Equal(BinanceMessageKind.Error, error.Kind);
        Assert.Equal(8, error.Id);
        Assert.Contains("unknown variant", error.Text, StringComparison.Ordinal);
        Assert.Equal(BinanceMessageKind.ServerShutdown, Parse("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":1}}").Kind);
        Assert.Equal(BinanceMessageKind.Other, Parse("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\"}}").Kind);
    }

    [Theory]
    [InlineData("not json", "Malformed")]
    [InlineData("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"q\":\"1\",\"T\":1,\"m\":true}}", "'p'")]
    [InlineData("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"12,5x\",\"q\":\"1\",\"T\":1,\"m\":true}}", "'p'")]
    [InlineData("{\"data\":{\"e\":\"kline\",\"k\":{\"t\":0,\"s\":\"BTCUSDT\",\"i\":\"1M\",\"o\":\"1\",\"h\":\"1\",\"l\":\"1\",\"c\":\"1\",\"v\":\"1\",\"x\":true}}}", "1M")]
    [InlineData("{\"data\":{\"e\":\"kline\",\"k\":{\"t\":0,\"s\":\"BTCUSDT\",\"i\":\"1m\",\"o\":\"1\",\"h\":\"0.5\",\"l\":\"1\",\"c\":\"1\",\"v\":\"1\",\"x\":true}}}", "low <= open")]
    public void A_malformed_message_is_a_format_error_naming_the_field_and_quoting_the_message(string json, string named)
    {
        var error = Assert.Throws<FormatException>(() => Parse(json));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains(json[..Math.Min(json.Length, 20)], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instruments_map_to_lower_case_stream_names_and_a_combined_stream_address()
    {
        Assert.Equal(["btcusdt@trade", "btcusdt@kline_5m"], BinanceStreams.Of(BtcUsdt, "5m"));
        Assert.Equal(BtcUsdt, BinanceStreams.InstrumentOf("btcusdt", "BINANCE"));
        Assert.Equal(
            new Uri("wss://stream.binance.com:9443/stream?streams=btcusdt@trade/btcusdt@kline_1m"),
            BinanceStreams.CombinedUri("wss://stream.binance.com:9443/", BinanceStreams.Of(BtcUsdt, "1m")));
        Assert.Equal(new Uri("ws://127.0.0.1:5000/stream"), BinanceStreams.CombinedUri("ws://127.0.0.1:5000", []));
        Assert.Throws<UriFormatException>(() => BinanceStreams.CombinedUri("https://api.binance.com", []));
        Assert.Throws<ArgumentException>(() => BinanceStreams.InstrumentOf("BTC-USDT", "BINANCE"));
        Assert.Equal(new BarPeriod(TimeSpan.FromDays(7)), BinanceStreams.PeriodOf("1w"));
        Assert.Throws<ArgumentException>(() => BinanceStreams.PeriodOf("1M"));
    }

    [Fact]
    public void Reconnection_delays_double_up_to_the_cap_and_start_again_after_a_good_connection()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds));
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
    }
}
