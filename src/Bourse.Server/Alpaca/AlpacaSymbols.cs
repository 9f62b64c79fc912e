using System.Security.Cryptography;
using System.Text;
using Bourse.Data.Feeds;
using Bourse.Sdk.Identifiers;

namespace Bourse.Server.Alpaca;

/// <summary>An instrument of the feed as Alpaca names it.</summary>
/// <param name="Instrument">The Bourse instrument (e.g. SPY.NASDAQ, BTCUSD.COINBASE).</param>
/// <param name="Symbol">Alpaca's symbol: the ticker for an equity (<c>SPY</c>), <c>BASE/QUOTE</c> for crypto (<c>BTC/USD</c>).</param>
/// <param name="Id">The stable asset id (<see cref="AlpacaSymbols.AssetId"/>).</param>
public sealed record AlpacaAsset(Instrument Instrument, string Symbol, Guid Id)
{
    /// <summary>Alpaca's asset class: <c>us_equity</c> or <c>crypto</c>.</summary>
    public string AssetClass => IsCrypto ? "crypto" : "us_equity";

    /// <summary>True for a crypto pair.</summary>
    public bool IsCrypto => Instrument.AssetClass == Sdk.Identifiers.AssetClass.Crypto;
}

/// <summary>
/// The one mapping between Alpaca symbols and the feed's instruments (<see cref="IMarketDataFeed.Instruments"/>), used by
/// every <c>/v2</c> endpoint. An equity <c>SPY</c> is the feed's equity SPY.&lt;venue&gt; (the first by venue if several
/// venues list it); a crypto pair is <c>BASE/QUOTE</c>, split at its instrument's quote currency (BTCUSD.COINBASE with
/// quote USD → <c>BTC/USD</c>), and is also found by the unsplit <c>BTCUSD</c>. Lookups ignore case. Crypto perpetuals have
/// no Alpaca form and are left out.
/// </summary>
public sealed class AlpacaSymbols
{
    /// <summary>The UUID namespace of asset ids (RFC 9562 name-based, SHA-1): a fixed random UUID owned by Bourse.</summary>
    private static readonly Guid Namespace = new("3b0f2a64-53c1-4d0e-9a8e-5f1c6c2d7b90");

    private readonly Dictionary<string, AlpacaAsset> _bySymbol = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, AlpacaAsset> _byId = [];
    private readonly Dictionary<InstrumentId, AlpacaAsset> _byInstrument = [];

    /// <summary>Maps the instruments of <paramref name="feed"/>.</summary>
    public AlpacaSymbols(IMarketDataFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        foreach (var instrument in feed.Instruments.OrderBy(i => i.Id.ToString(), StringComparer.Ordinal))
        {
            var symbol = instrument.AssetClass switch
            {
                AssetClass.Equity => instrument.Id.Symbol,
                AssetClass.Crypto => CryptoSymbol(instrument),
                _ => null,
            };
            if (symbol is null || _bySymbol.ContainsKey(symbol))
            {
                continue;
            }

            var asset = new AlpacaAsset(instrument, symbol, AssetId(instrument.Id));
            _bySymbol[symbol] = asset;
            if (asset.IsCrypto)
            {
                _bySymbol.TryAdd(instrument.Id.Symbol, asset);
            }

            _byId[asset.Id] = asset;
            _byInstrument[instrument.Id] = asset;
        }

        Assets = [.. _byInstrument.Values.OrderBy(a => a.Symbol, StringComparer.Ordinal)];
    }

    /// <summary>Every mapped asset, by Alpaca symbol.</summary>
    public IReadOnlyList<AlpacaAsset> Assets { get; }

    /// <summary>The asset of an Alpaca symbol (<c>SPY</c>, <c>BTC/USD</c>, <c>BTCUSD</c>); false when the feed has none.</summary>
    public bool TryResolve(string? symbol, out AlpacaAsset asset)
    {
        asset = null!;
        return symbol is not null && _bySymbol.TryGetValue(symbol.Trim(), out asset!);
    }

    /// <summary>The asset of an Alpaca symbol or asset id (as <c>/v2/assets/{symbol_or_asset_id}</c> takes); false when none.</summary>
    public bool TryResolveSymbolOrId(string? symbolOrId, out AlpacaAsset asset)
    {
        asset = null!;
        return Guid.TryParse(symbolOrId, out var id) ? _byId.TryGetValue(id, out asset!) : TryResolve(symbolOrId, out asset);
    }

    /// <summary>The asset of a Bourse instrument; false for one the feed does not publish or that has no Alpaca form.</summary>
    public bool TryGet(InstrumentId instrument, out AlpacaAsset asset) => _byInstrument.TryGetValue(instrument, out asset!);

    /// <summary>
    /// The stable asset id of <paramref name="instrument"/>: the name-based UUID (version 5, SHA-1, RFC 9562 §5.5) of its
    /// id text (<c>SPY.NASDAQ</c>) in Bourse's namespace, so it is the same on every server and across restarts.
    /// </summary>
    public static Guid AssetId(InstrumentId instrument)
    {
        var name = Encoding.UTF8.GetBytes(instrument.ToString());
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static string CryptoSymbol(Instrument instrument)
    {
        var pair = instrument.Id.Symbol;
        var quote = instrument.QuoteCurrency;
        return pair.Length > quote.Length && pair.EndsWith(quote, StringComparison.OrdinalIgnoreCase)
            ? $"{pair[..^quote.Length]}/{quote}".ToUpperInvariant()
            : pair;
    }
}
