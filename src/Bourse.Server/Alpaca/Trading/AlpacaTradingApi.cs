using System.Globalization;
using Bourse.Server.Auth;
using Bourse.Server.Trading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Alpaca.Trading;

/// <summary>
/// Alpaca's trading endpoints over the caller's paper brokerage account (<see cref="BrokerAccounts"/>, opened on first
/// use): <c>/v2/account</c>, <c>/v2/orders</c> (list, place, cancel all), <c>/v2/orders/{order_id}</c> (get, replace,
/// cancel), <c>/v2/orders:by_client_order_id</c>, <c>/v2/positions</c> (list, close all) and <c>/v2/positions/{symbol}</c>
/// (get, close by qty or percentage), and the <c>trade_updates</c> WebSocket at <c>/stream</c> and <c>/v2/stream</c>. Errors are Alpaca's <c>{code, message}</c>: 403 insufficient buying power, 404 no
/// such order or position, 422 an invalid request (the field named first).
/// </summary>
public static class AlpacaTradingApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAlpacaTradingApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapAlpacaGroup("Alpaca: trading");
        group.MapGet("/account", Account).WithName("AlpacaGetAccount").WithSummary("The caller's paper account (opened on first use)");
        group.MapGet("/orders", ListOrders).WithName("AlpacaListOrders").WithSummary("Orders")
            .WithDescription("status open (default), closed or all; limit 1..500 (default 50); after, until: RFC 3339 times (creation, exclusive); direction asc or desc (default); nested: legs under their entry; symbols: comma-separated.");
        group.MapPost("/orders", PlaceOrder).WithName("AlpacaPlaceOrder").WithSummary("Places an order (simple, bracket, oco, oto)");
        group.MapDelete("/orders", CancelAllOrders).WithName("AlpacaCancelAllOrders").WithSummary("Cancels every open order (207: one status per order)")
            .Produces<List<AlpacaOrderStatusDto>>(StatusCodes.Status207MultiStatus);
        group.MapGet("/orders:by_client_order_id", OrderByClientId).WithName("AlpacaGetOrderByClientOrderId").WithSummary("An order by its client_order_id");
        group.MapGet("/orders/{order_id}", GetOrder).WithName("AlpacaGetOrder").WithSummary("An order by id (nested: with its legs)");
        group.MapPatch("/orders/{order_id}", ReplaceOrder).WithName("AlpacaReplaceOrder").WithSummary("Replaces an open order's qty, limit_price or stop_price")
            .WithDescription("Bourse changes the order in place (the engine's modify): the answer is the same order id with the new terms, and trade_updates reports 'replaced'.");
        group.MapDelete("/orders/{order_id}", CancelOrder).WithName("AlpacaCancelOrder").WithSummary("Cancels an open order (204)");
        group.MapGet("/positions", ListPositions).WithName("AlpacaListPositions").WithSummary("Open positions");
        group.MapDelete("/positions", CloseAllPositions).WithName("AlpacaCloseAllPositions").WithSummary("Closes every position at market (207); cancel_orders=true cancels open orders first")
            .Produces<List<AlpacaPositionCloseDto>>(StatusCodes.Status207MultiStatus);
        group.MapGet("/positions/{symbol_or_asset_id}", GetPosition).WithName("AlpacaGetPosition").WithSummary("One open position");
        const string streamSummary = "Alpaca's trading stream (WebSocket): trade_updates of the caller's paper account";
        const string streamDescription = "Authenticate with the first message {\"action\":\"authenticate\",\"data\":{\"key_id\",\"secret_key\"}} or {\"action\":\"auth\",\"key\",\"secret\"} "
            + "(a Bourse API key's id and secret), then {\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}. Messages are binary frames of UTF-8 JSON "
            + "{stream, data}: authorization, listening, trade_updates {event, execution_id, order, price, qty, position_qty, timestamp}.";
        group.MapGet("/stream", Stream).WithName("AlpacaTradeStreamV2").WithSummary(streamSummary).WithDescription(streamDescription)
            .AllowAnonymous().Produces(StatusCodes.Status101SwitchingProtocols);
        endpoints.MapGet("/stream", Stream).WithName("AlpacaTradeStream").WithTags("Alpaca: trading").WithSummary(streamSummary + " (Alpaca's path, {base}/stream)")
            .WithDescription(streamDescription).AllowAnonymous().Produces(StatusCodes.Status101SwitchingProtocols);
        group.MapDelete("/positions/{symbol_or_asset_id}", ClosePosition).WithName("AlpacaClosePosition").WithSummary("Closes a position at market: all, qty, or percentage (0..100]");
        return endpoints;
    }

    private static async Task<Ok<AlpacaAccountDto>> Account(CurrentUser user, BrokerAccounts accounts, AccountConfigurations configurations, CancellationToken cancellationToken)
    {
        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        return TypedResults.Ok(AlpacaOrderMapping.ToAlpaca(await accounts.SnapshotAsync(account, cancellationToken), await configurations.GetAsync(user.Id, cancellationToken)));
    }

    private static async Task<Results<Ok<List<AlpacaOrderDto>>, JsonHttpResult<AlpacaError>>> ListOrders(
        CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, AlpacaSymbols assets, CancellationToken cancellationToken,
        [FromQuery] string? status = null, [FromQuery] int? limit = null, [FromQuery] string? after = null, [FromQuery] string? until = null,
        [FromQuery] string? direction = null, [FromQuery] bool? nested = null, [FromQuery] string? symbols = null)
    {
        if (status is not (null or "open" or "closed" or "all"))
        {
            return AlpacaErrors.Unprocessable($"status: must be open, closed or all (was '{status}')");
        }

        bool? open = status switch { "closed" => false, "all" => null, _ => true };

        if (limit is < 1 or > 500)
        {
            return AlpacaErrors.Unprocessable($"limit: must be within 1..500 (was {limit})");
        }

        if (direction is not (null or "asc" or "desc"))
        {
            return AlpacaErrors.Unprocessable($"direction: must be asc or desc (was '{direction}')");
        }

        if (!TryTime(after, out var afterTime) || !TryTime(until, out var untilTime))
        {
            return AlpacaErrors.Unprocessable($"{(TryTime(after, out _) ? "until" : "after")}: must be an RFC 3339 time");
        }

        var instruments = new List<Bourse.Sdk.Identifiers.InstrumentId>();
        foreach (var symbol in (symbols ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!assets.TryResolve(symbol, out var asset))
            {
                return AlpacaErrors.Unprocessable($"symbols: asset '{symbol}' not found");
            }

            instruments.Add(asset.Instrument.Id);
        }

        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        var orders = await accounts.OrdersAsync(account, new BrokerOrderQuery(open, limit ?? 50, afterTime, untilTime, direction == "asc", nested ?? false, instruments), cancellationToken);
        return TypedResults.Ok(orders.Select(mapping.ToAlpaca).ToList());
    }

    private static async Task<Results<Ok<AlpacaOrderDto>, JsonHttpResult<AlpacaError>>> PlaceOrder(
        AlpacaOrderRequest? request, CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, CancellationToken cancellationToken)
    {
        var (order, error) = mapping.ToBroker(request);
        if (error is not null)
        {
            return error;
        }

        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        var outcome = await accounts.SubmitAsync(account, order!, cancellationToken);
        return outcome.Error is { } refused ? AlpacaOrderMapping.Error(refused) : TypedResults.Ok(mapping.ToAlpaca(outcome.Order!));
    }

    private static async Task<JsonHttpResult<List<AlpacaOrderStatusDto>>> CancelAllOrders(CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, CancellationToken cancellationToken)
    {
        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        var canceled = await accounts.CancelAllAsync(account, null, cancellationToken);
        return TypedResults.Json(canceled.Select(o => new AlpacaOrderStatusDto(o.Id.ToString(), StatusCodes.Status200OK, mapping.ToAlpaca(o))).ToList(), statusCode: StatusCodes.Status207MultiStatus);
    }

    private static async Task<Results<Ok<AlpacaOrderDto>, JsonHttpResult<AlpacaError>>> OrderByClientId(
        CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, CancellationToken cancellationToken, [FromQuery(Name = "client_order_id")] string? clientOrderId = null)
    {
        if (string.IsNullOrEmpty(clientOrderId))
        {
            return AlpacaErrors.Unprocessable("client_order_id: is required");
        }

        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        return await accounts.OrderByClientIdAsync(account, clientOrderId, cancellationToken) is { } order
            ? TypedResults.Ok(mapping.ToAlpaca(order))
            : AlpacaErrors.NotFound($"order not found for client_order_id {clientOrderId}");
    }

    private static async Task<Results<Ok<AlpacaOrderDto>, JsonHttpResult<AlpacaError>>> GetOrder(
        [FromRoute(Name = "order_id")] string orderId, CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, CancellationToken cancellationToken)
    {
        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        return Guid.TryParse(orderId, out var id) && await accounts.OrderAsync(account, id, cancellationToken) is { } order
            ? TypedResults.Ok(mapping.ToAlpaca(order))
            : AlpacaErrors.NotFound($"order not found for {orderId}");
    }

    private static async Task<Results<Ok<AlpacaOrderDto>, JsonHttpResult<AlpacaError>>> ReplaceOrder(
        [FromRoute(Name = "order_id")] string orderId, AlpacaReplaceRequest? request, CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, CancellationToken cancellationToken)
    {
        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        if (!Guid.TryParse(orderId, out var id) || await accounts.OrderAsync(account, id, cancellationToken) is not { } order)
        {
            return AlpacaErrors.NotFound($"order not found for {orderId}");
        }

        if (request is null || (request.Qty, request.LimitPrice, request.StopPrice) == (null, null, null))
        {
            return AlpacaErrors.Unprocessable("qty, limit_price or stop_price: at least one is required");
        }

        if (request.Trail is not null || (request.ClientOrderId is { } c && c != order.ClientOrderId)
            || (request.TimeInForce is { } tif && tif != mapping.ToAlpaca(order).TimeInForce))
        {
            return AlpacaErrors.Unprocessable($"{(request.Trail is not null ? "trail" : request.ClientOrderId is not null ? "client_order_id" : "time_in_force")}: cannot be changed by a replace on Bourse");
        }

        var outcome = await accounts.ReplaceAsync(account, id, request.Qty, request.LimitPrice, request.StopPrice, cancellationToken);
        return outcome.Error is { } refused ? AlpacaOrderMapping.Error(refused) : TypedResults.Ok(mapping.ToAlpaca(outcome.Order!));
    }

    private static async Task<Results<NoContent, JsonHttpResult<AlpacaError>>> CancelOrder(
        [FromRoute(Name = "order_id")] string orderId, CurrentUser user, BrokerAccounts accounts, CancellationToken cancellationToken)
    {
        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        if (!Guid.TryParse(orderId, out var id))
        {
            return AlpacaErrors.NotFound($"order not found for {orderId}");
        }

        var outcome = await accounts.CancelAsync(account, id, cancellationToken);
        return outcome.Error is { } refused ? AlpacaOrderMapping.Error(refused) : TypedResults.NoContent();
    }

    private static async Task<Ok<List<AlpacaPositionDto>>> ListPositions(CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, CancellationToken cancellationToken)
    {
        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        return TypedResults.Ok((await accounts.PositionsAsync(account, cancellationToken)).Select(mapping.ToAlpaca).ToList());
    }

    private static async Task<Results<Ok<AlpacaPositionDto>, JsonHttpResult<AlpacaError>>> GetPosition(
        [FromRoute(Name = "symbol_or_asset_id")] string symbolOrAssetId, CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, AlpacaSymbols symbols, CancellationToken cancellationToken)
    {
        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        return symbols.TryResolveSymbolOrId(Uri.UnescapeDataString(symbolOrAssetId), out var asset)
            && (await accounts.PositionsAsync(account, cancellationToken)).FirstOrDefault(p => p.Position.Instrument == asset.Instrument.Id) is { } position
            ? TypedResults.Ok(mapping.ToAlpaca(position))
            : AlpacaErrors.NotFound($"position does not exist: {symbolOrAssetId}");
    }

    private static async Task<Results<Ok<AlpacaOrderDto>, JsonHttpResult<AlpacaError>>> ClosePosition(
        [FromRoute(Name = "symbol_or_asset_id")] string symbolOrAssetId, CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, AlpacaSymbols symbols, CancellationToken cancellationToken,
        [FromQuery] string? qty = null, [FromQuery] string? percentage = null)
    {
        if (!TryDecimal(qty, out var quantity) || !TryDecimal(percentage, out var percent))
        {
            return AlpacaErrors.Unprocessable($"{(TryDecimal(qty, out _) ? "percentage" : "qty")}: must be a decimal number");
        }

        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        if (!symbols.TryResolveSymbolOrId(Uri.UnescapeDataString(symbolOrAssetId), out var asset))
        {
            return AlpacaErrors.NotFound($"position does not exist: {symbolOrAssetId}");
        }

        var outcome = await accounts.ClosePositionAsync(account, asset.Instrument.Id, quantity, percent, cancellationToken);
        return outcome.Error is { } refused ? AlpacaOrderMapping.Error(refused) : TypedResults.Ok(mapping.ToAlpaca(outcome.Order!));
    }

    private static async Task<JsonHttpResult<List<AlpacaPositionCloseDto>>> CloseAllPositions(
        CurrentUser user, BrokerAccounts accounts, AlpacaOrderMapping mapping, CancellationToken cancellationToken, [FromQuery(Name = "cancel_orders")] bool? cancelOrders = null)
    {
        var account = await accounts.GetOrCreateAsync(user, cancellationToken);
        if (cancelOrders == true)
        {
            await accounts.CancelAllAsync(account, null, cancellationToken);
        }

        var closed = new List<AlpacaPositionCloseDto>();
        foreach (var position in await accounts.PositionsAsync(account, cancellationToken))
        {
            var outcome = await accounts.ClosePositionAsync(account, position.Position.Instrument, null, null, cancellationToken);
            if (outcome.Order is { } order)
            {
                var dto = mapping.ToAlpaca(order);
                closed.Add(new AlpacaPositionCloseDto(dto.Symbol, StatusCodes.Status200OK, dto));
            }
        }

        return TypedResults.Json(closed, statusCode: StatusCodes.Status207MultiStatus);
    }

    /// <summary>The <c>trade_updates</c> WebSocket (<see cref="AlpacaTradeStream"/>): the client authenticates with its first message.</summary>
    private static async Task Stream(
        HttpContext context, CredentialValidator credentials, BrokerAccounts accounts, AlpacaOrderMapping mapping, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new AlpacaError(AlpacaErrors.CodeFor(StatusCodes.Status400BadRequest), "this endpoint takes a WebSocket upgrade"));
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await new AlpacaTradeStream(socket, credentials, accounts, mapping, json.Value.SerializerOptions).RunAsync(context.RequestAborted);
    }

    /// <summary>Parses an optional RFC 3339 time (a zone-less one is UTC); true with null for no text, false when unreadable.</summary>
    internal static bool TryTime(string? text, out DateTime? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed.UtcDateTime;
            return true;
        }

        return false;
    }

    private static bool TryDecimal(string? text, out decimal? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
