using Bourse.Persistence.Writing;
using Bourse.Sdk.Orders;
using Bourse.Server.Trading;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bourse.Server.Alpaca.Trading;

/// <summary>Translates between Alpaca's trading vocabulary and the paper brokerage account's (<see cref="BrokerAccounts"/>).</summary>
public sealed class AlpacaOrderMapping(AlpacaSymbols symbols)
{
    /// <summary>The account's order for <paramref name="request"/>, or the Alpaca error (422, 404 for an unknown symbol) naming the field at fault.</summary>
    public (BrokerOrderRequest? Order, JsonHttpResult<AlpacaError>? Error) ToBroker(AlpacaOrderRequest? request)
    {
        if (request is null)
        {
            return (null, AlpacaErrors.Unprocessable("the request body must be an order object"));
        }

        if (string.IsNullOrWhiteSpace(request.Symbol) || !symbols.TryResolve(request.Symbol, out var asset))
        {
            return (null, AlpacaErrors.Unprocessable($"symbol: asset '{request.Symbol}' not found"));
        }

        Side? side = request.Side switch { "buy" => Side.Buy, "sell" => Side.Sell, _ => null };
        OrderType? type = request.Type switch
        {
            "market" => OrderType.Market,
            "limit" => OrderType.Limit,
            "stop" => OrderType.Stop,
            "stop_limit" => OrderType.StopLimit,
            "trailing_stop" => OrderType.TrailingStop,
            _ => null,
        };
        TimeInForce? tif = request.TimeInForce switch
        {
            "day" or "opg" or "cls" => TimeInForce.Day,
            "gtc" => TimeInForce.Gtc,
            "ioc" => TimeInForce.Ioc,
            "fok" => TimeInForce.Fok,
            _ => null,
        };
        OrderClass? orderClass = (request.OrderClass ?? "simple") switch
        {
            "simple" or "" => OrderClass.Simple,
            "bracket" => OrderClass.Bracket,
            "oco" => OrderClass.Oco,
            "oto" => OrderClass.Oto,
            _ => null,
        };
        var problem = (side, type, tif, orderClass) switch
        {
            (null, _, _, _) => $"side: must be buy or sell (was '{request.Side}')",
            (_, null, _, _) => $"type: must be market, limit, stop, stop_limit or trailing_stop (was '{request.Type}')",
            (_, _, null, _) => $"time_in_force: must be day, gtc, opg, cls, ioc or fok (was '{request.TimeInForce}')",
            (_, _, _, null) => $"order_class: must be simple, bracket, oco or oto (was '{request.OrderClass}')",
            _ => null,
        };
        if (problem is not null)
        {
            return (null, AlpacaErrors.Unprocessable(problem));
        }

        return (new BrokerOrderRequest(
            asset.Instrument.Id, side!.Value, type!.Value, request.Qty, request.Notional, tif!.Value,
            request.LimitPrice, request.StopPrice, request.TrailPrice, request.TrailPercent, request.ClientOrderId, orderClass!.Value,
            request.TakeProfit?.LimitPrice, request.StopLoss?.StopPrice, request.StopLoss?.LimitPrice,
            request.TimeInForce is "opg" or "cls" ? request.TimeInForce : null), null);
    }

    /// <summary>The Alpaca error of a refused command: 403 insufficient buying power or not allowed by the account configuration, 404 not found, 422 otherwise (the field named first).</summary>
    public static JsonHttpResult<AlpacaError> Error(BrokerError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Field is { } field && error.Kind == BrokerErrorKind.Invalid ? $"{field}: {error.Message}" : error.Message;
        return error.Kind switch
        {
            BrokerErrorKind.InsufficientBuyingPower or BrokerErrorKind.NotAllowed => AlpacaErrors.Forbidden(message),
            BrokerErrorKind.NotFound => AlpacaErrors.NotFound(message),
            _ => AlpacaErrors.Unprocessable(message),
        };
    }

    /// <summary>The order in Alpaca's form (with its legs, when it has any).</summary>
    public AlpacaOrderDto ToAlpaca(BrokerOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var asset = Asset(order.Instrument);
        var status = Status(order.Status);
        var type = Naming.Of(order.Type);
        return new AlpacaOrderDto(
            order.Id.ToString(),
            order.ClientOrderId,
            order.CreatedAt,
            order.UpdatedAt,
            order.Status == OrderStatus.Initialized ? null : order.CreatedAt,
            order.Status == OrderStatus.Filled ? order.UpdatedAt : null,
            order.Status == OrderStatus.Expired ? order.UpdatedAt : null,
            order.Status == OrderStatus.Canceled ? order.UpdatedAt : null,
            order.Status == OrderStatus.Rejected ? order.UpdatedAt : null,
            null,
            null,
            null,
            asset.Id.ToString(),
            asset.Symbol,
            asset.AssetClass,
            null,
            Plain(order.Quantity),
            Plain(order.FilledQuantity),
            Plain(order.AverageFillPrice),
            Naming.Snake(order.Class.ToString()),
            type,
            type,
            Naming.Of(order.Side),
            order.Label ?? Naming.Of(order.TimeInForce),
            Plain(order.LimitPrice),
            order.Type == OrderType.TrailingStop ? null : Plain(order.StopPrice),
            status,
            false,
            order.Legs.Count > 0 ? [.. order.Legs.Select(ToAlpaca)] : null,
            order.TrailingOffsetType == TrailingOffsetType.Percent ? order.TrailingOffset : null,
            order.TrailingOffsetType == TrailingOffsetType.Price ? order.TrailingOffset : null,
            null,
            null);
    }

    /// <summary>The position in Alpaca's form.</summary>
    public AlpacaPositionDto ToAlpaca(BrokerPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var p = position.Position;
        var asset = Asset(p.Instrument);
        var costBasis = Math.Abs(position.CostBasis);
        var plpc = costBasis == 0m ? 0m : Math.Round(p.UnrealizedPnl / costBasis, 10);
        return new AlpacaPositionDto(
            asset.Id.ToString(), asset.Symbol, asset.IsCrypto ? "CRYPTO" : p.Instrument.Venue, asset.AssetClass, asset.Instrument.IsMargined,
            Plain(p.AveragePrice), Plain(p.NetQuantity), Plain(p.NetQuantity), p.NetQuantity >= 0m ? "long" : "short",
            Plain(position.MarketValue), Plain(position.CostBasis), Plain(p.UnrealizedPnl), Plain(plpc), Plain(p.UnrealizedPnl), Plain(plpc), Plain(p.LastPrice), Plain(p.LastPrice), 0m);
    }

    /// <summary>The account in Alpaca's form; <paramref name="configuration"/> gives trade_suspended_by_user and shorting_enabled.</summary>
    public static AlpacaAccountDto ToAlpaca(AccountSnapshot s, AccountConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(configuration);
        var id = s.Account.Id;
        return new AlpacaAccountDto(
            id.ToString(), $"PA{id.ToString("N")[..10].ToUpperInvariant()}", "ACTIVE", "ACTIVE", s.Account.Currency,
            Plain(s.BuyingPower), Plain(s.BuyingPower), 0m, Plain(s.BuyingPower), Plain(s.Cash), 0m, Plain(s.Equity),
            false, s.TradingBlocked, true, false, s.Account.CreatedAt, configuration.SuspendTrade, 1m, !configuration.NoShorting,
            Plain(s.Equity), Plain(s.LastEquity), Plain(s.LongMarketValue), Plain(s.ShortMarketValue), Plain(s.InitialMargin), Plain(s.MaintenanceMargin), Plain(s.MaintenanceMargin), 0m, 0);
    }

    /// <summary>Alpaca's order status for the engine's: held, pending_new, new, partially_filled, filled, canceled, expired, rejected.</summary>
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.Initialized => "held",
        OrderStatus.Submitted => "pending_new",
        OrderStatus.Accepted or OrderStatus.Triggered => "new",
        _ => Naming.Of(status),
    };

    /// <summary>The value without trailing zeros (6599.0 → 6599, 0.00 → 0), as Alpaca writes its decimals.</summary>
    public static decimal Plain(decimal value) => value / 1.0000000000000000000000000000m;

    /// <inheritdoc cref="Plain(decimal)"/>
    public static decimal? Plain(decimal? value) => value is { } v ? Plain(v) : null;

    private AlpacaAsset Asset(Bourse.Sdk.Identifiers.InstrumentId instrument) =>
        symbols.TryGet(instrument, out var asset)
            ? asset
            : new AlpacaAsset(new Bourse.Sdk.Identifiers.Instrument(instrument, Bourse.Sdk.Identifiers.AssetClass.Equity, "USD", 0.01m, 1m), instrument.Symbol, AlpacaSymbols.AssetId(instrument));
}
