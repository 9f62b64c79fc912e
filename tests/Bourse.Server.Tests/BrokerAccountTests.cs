using Bourse.Sdk.Identifiers;
using Bourse.Sdk.Orders;
using Bourse.Server.Auth;
using Bourse.Server.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Server.Tests;

/// <summary>
/// The paper brokerage account service (<see cref="BrokerAccounts"/>) on the real server, the replayed data and the real
/// database: one account per user as a run, orders through the run's loop, fills, positions, order updates, and the
/// account's resume after a restart.
/// </summary>
public sealed class BrokerAccountTests : IAsyncLifetime
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSD.COINBASE");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly BourseServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private BrokerAccounts Accounts => _server.Services.GetRequiredService<BrokerAccounts>();

    private async Task<CurrentUser> AdminAsync()
    {
        _ = _server.AdminKey;
        await using var db = _server.OpenDatabase();
        var admin = await db.Users.AsNoTracking().FirstAsync(u => u.Role == "admin");
        return new CurrentUser(admin.Id, admin.UserName, admin.Role, null);
    }

    private async Task<BrokerOrder> WaitForStatusAsync(BrokerAccount account, Guid orderId, OrderStatus status)
    {
        BrokerOrder? order = null;
        await BourseServer.WaitForAsync(async () => (order = await Accounts.OrderAsync(account, orderId, CancellationToken.None))?.Status == status, Timeout, $"order {orderId} {status}");
        return order!;
    }

    /// <summary>Waits until the account has a price for BTC (an oversized buy is refused for buying power, not for want of a price).</summary>
    private async Task WaitForPriceAsync(BrokerAccounts accounts, BrokerAccount account) =>
        await BourseServer.WaitForAsync(async () =>
            (await accounts.SubmitAsync(account, new BrokerOrderRequest(Btc, Side.Buy, OrderType.Market, 1_000m), CancellationToken.None)).Error?.Kind == BrokerErrorKind.InsufficientBuyingPower,
            Timeout, "a price to value orders with");

    [Fact]
    public async Task An_account_is_one_run_per_user_whose_market_order_fills_into_a_position_with_stored_rows_and_updates()
    {
        var user = await AdminAsync();
        var account = await Accounts.GetOrCreateAsync(user, CancellationToken.None);
        Assert.Equal(account, await Accounts.GetOrCreateAsync(user, CancellationToken.None));
        var opening = await Accounts.SnapshotAsync(account, CancellationToken.None);
        Assert.Equal(100_000m, opening.Cash);
        Assert.Equal("USD", account.Currency);

        using var cancel = new CancellationTokenSource(Timeout);
        var updates = new List<BrokerOrderUpdate>();
        var listening = Task.Run(async () =>
        {
            await foreach (var update in Accounts.OrderUpdatesAsync(account, cancel.Token))
            {
                updates.Add(update);
                if (update.Event == "fill")
                {
                    return;
                }
            }
        });

        await WaitForPriceAsync(Accounts, account); // (and the subscription is taken meanwhile)
        var placed = await Accounts.SubmitAsync(account, new BrokerOrderRequest(Btc, Side.Buy, OrderType.Market, 0.01m, ClientOrderId: "my-first-order"), CancellationToken.None);
        Assert.Null(placed.Error);
        var order = placed.Order!;
        Assert.Equal("my-first-order", order.ClientOrderId);
        Assert.Equal(order.Id, (await Accounts.OrderByClientIdAsync(account, "my-first-order", CancellationToken.None))?.Id);

        var filled = await WaitForStatusAsync(account, order.Id, OrderStatus.Filled);
        Assert.Equal(0.01m, filled.FilledQuantity);
        await listening;
        Assert.Contains(updates, u => u.Event == "new" && u.Order.Id == order.Id);
        var fill = Assert.Single(updates, u => u.Event == "fill");
        Assert.Equal(0.01m, fill.Quantity);
        Assert.Equal(0.01m, fill.PositionQuantity);
        Assert.Equal(filled.AverageFillPrice, fill.Price);

        var position = Assert.Single(await Accounts.PositionsAsync(account, CancellationToken.None));
        Assert.Equal(Btc, position.Position.Instrument);
        Assert.Equal(0.01m, position.Position.NetQuantity);
        var after = await Accounts.SnapshotAsync(account, CancellationToken.None);
        Assert.True(after.Cash < 100_000m - (0.01m * fill.Price!.Value) + 0.0001m, $"cash {after.Cash} after buying at {fill.Price}");

        // The run's own rows: the account is a run of the broker account plugin, with its order and fill stored.
        await using var db = _server.OpenDatabase();
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == account.Id);
        Assert.Equal("running", run.Status);
        Assert.Equal(user.Id, run.OwnerId);
        Assert.Equal(_server.Services.GetRequiredService<BrokerAccountPlugin>().PluginId, run.PluginId);
        Assert.Equal(0.01m, await db.Fills.Where(f => f.RunId == account.Id).SumAsync(f => f.Quantity));
        Assert.Contains("my-first-order", (await db.Orders.AsNoTracking().SingleAsync(o => o.RunId == account.Id)).Tag, StringComparison.Ordinal);

        // A second user gets an account of its own.
        var other = await Accounts.GetOrCreateAsync(new CurrentUser(Guid.NewGuid(), "nobody", "trader", null), CancellationToken.None);
        Assert.NotEqual(account.Id, other.Id);
        Assert.Null(await Accounts.OrderAsync(other, order.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Orders_are_refused_with_a_reason_and_a_bracket_holds_its_exits_until_the_entry_fills()
    {
        var account = await Accounts.GetOrCreateAsync(await AdminAsync(), CancellationToken.None);
        async Task<BrokerError> RefusedAsync(BrokerOrderRequest request)
        {
            var outcome = await Accounts.SubmitAsync(account, request, CancellationToken.None);
            Assert.Empty(outcome.Orders);
            return outcome.Error!;
        }

        Assert.Equal("limit_price", (await RefusedAsync(new BrokerOrderRequest(Btc, Side.Buy, OrderType.Limit, 1m))).Field);
        Assert.Equal("qty", (await RefusedAsync(new BrokerOrderRequest(Btc, Side.Buy, OrderType.Market, null))).Field);
        Assert.Equal("client_order_id", (await RefusedAsync(new BrokerOrderRequest(Btc, Side.Buy, OrderType.Market, 1m, ClientOrderId: new string('x', 49)))).Field);
        Assert.Equal(BrokerErrorKind.NotFound, (await RefusedAsync(new BrokerOrderRequest(InstrumentId.Parse("NOPE.NOWHERE"), Side.Buy, OrderType.Market, 1m))).Kind);
        await WaitForPriceAsync(Accounts, account);

        var entry = await Accounts.SubmitAsync(account, new BrokerOrderRequest(Btc, Side.Buy, OrderType.Market, 0.02m, ClientOrderId: "bracket-1",
            Class: OrderClass.Bracket, TakeProfitLimit: 1_000_000m, StopLossStop: 1m), CancellationToken.None);
        Assert.Null(entry.Error);
        var legs = entry.Order!.Legs;
        Assert.Equal(2, legs.Count);
        Assert.All(legs, l => Assert.Equal(Side.Sell, l.Side));
        Assert.Equal("duplicate", (await Accounts.SubmitAsync(account, new BrokerOrderRequest(Btc, Side.Buy, OrderType.Market, 0.01m, ClientOrderId: "bracket-1"), CancellationToken.None)).Error!.Kind.ToString().ToLowerInvariant());

        await WaitForStatusAsync(account, entry.Order.Id, OrderStatus.Filled);
        var takeProfit = await WaitForStatusAsync(account, legs.Single(l => l.Type == OrderType.Limit).Id, OrderStatus.Accepted);
        Assert.Equal(1_000_000m, takeProfit.LimitPrice);
        var nested = await Accounts.OrdersAsync(account, new BrokerOrderQuery(null, Nested: true), CancellationToken.None);
        Assert.Equal(2, nested.Single(o => o.Id == entry.Order.Id).Legs.Count);
        Assert.DoesNotContain(nested, o => o.ParentOrderId is not null);

        // Replace the take-profit's limit, then close half the position: the exits shrink, the order list does the rest.
        var replaced = await Accounts.ReplaceAsync(account, takeProfit.Id, null, 900_000m, null, CancellationToken.None);
        Assert.Null(replaced.Error);
        await BourseServer.WaitForAsync(async () => (await Accounts.OrderAsync(account, takeProfit.Id, CancellationToken.None))!.LimitPrice == 900_000m, Timeout, "the replaced limit");
        var half = await Accounts.ClosePositionAsync(account, Btc, null, 50m, CancellationToken.None);
        Assert.Null(half.Error);
        Assert.Equal(0.01m, half.Order!.Quantity);
        Assert.Equal(Side.Sell, half.Order.Side);
        await WaitForStatusAsync(account, half.Order.Id, OrderStatus.Filled);

        var canceled = await Accounts.CancelAllAsync(account, null, CancellationToken.None);
        Assert.Equal(2, canceled.Count);
        await WaitForStatusAsync(account, takeProfit.Id, OrderStatus.Canceled);
        Assert.Equal(BrokerErrorKind.NotOpen, (await Accounts.CancelAsync(account, takeProfit.Id, CancellationToken.None)).Error!.Kind);
        Assert.Equal(BrokerErrorKind.NotFound, (await Accounts.CancelAsync(account, Guid.NewGuid(), CancellationToken.None)).Error!.Kind);
        Assert.Empty(await Accounts.OrdersAsync(account, new BrokerOrderQuery(true), CancellationToken.None));
    }

    [Fact]
    public async Task An_account_resumes_after_a_restart_with_its_position_and_working_orders()
    {
        BrokerAccount account;
        Guid working;
        var folder = _server.Folder;
        var user = await AdminAsync();
        account = await Accounts.GetOrCreateAsync(user, CancellationToken.None);
        await WaitForPriceAsync(Accounts, account);
        var bought = await Accounts.SubmitAsync(account, new BrokerOrderRequest(Btc, Side.Buy, OrderType.Market, 0.03m), CancellationToken.None);
        await WaitForStatusAsync(account, bought.Order!.Id, OrderStatus.Filled);
        working = (await Accounts.SubmitAsync(account, new BrokerOrderRequest(Btc, Side.Sell, OrderType.Limit, 0.03m, LimitPrice: 5_000_000m, TimeInForce: TimeInForce.Gtc, ClientOrderId: "resting"), CancellationToken.None)).Order!.Id;
        await WaitForStatusAsync(account, working, OrderStatus.Accepted);
        await _server.DisposeAsync();

        await using var again = new BourseServer(folder, null);
        var accounts = again.Services.GetRequiredService<BrokerAccounts>();
        var resumed = await accounts.GetOrCreateAsync(user, CancellationToken.None);
        Assert.Equal(account.Id, resumed.Id);
        Assert.Equal(0.03m, Assert.Single(await accounts.PositionsAsync(resumed, CancellationToken.None)).Position.NetQuantity);
        var order = await accounts.OrderByClientIdAsync(resumed, "resting", CancellationToken.None);
        Assert.Equal(working, order!.Id);
        Assert.True(order.IsOpen);
        Assert.Null((await accounts.CancelAsync(resumed, working, CancellationToken.None)).Error);
    }
}
