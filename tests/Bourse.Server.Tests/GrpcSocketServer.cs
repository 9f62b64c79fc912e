using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Bourse.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Bourse.Server.Tests;

/// <summary>
/// A <see cref="BourseServer"/> serving on real sockets (Kestrel on free loopback ports: <c>urls</c> for REST, the
/// HTTP/2-only <c>Grpc:Url</c> for gRPC) with a channel of the generated client on the gRPC port; a class fixture of the
/// gRPC test classes (each test signs up its own users, so each has its own paper account).
/// </summary>
public sealed class GrpcSocketServer : IAsyncDisposable, IDisposable
{
    /// <summary>The instrument the tests trade: BTCUSD of samples/data (about 7,400 USD in April 2018).</summary>
    public const string Btc = "BTCUSD.COINBASE";

    public GrpcSocketServer()
        : this(null)
    {
    }

    internal GrpcSocketServer(IDictionary<string, string>? settings)
    {
        var grpc = $"http://127.0.0.1:{FreePort()}";
        Rest = new Uri($"http://127.0.0.1:{FreePort()}");
        var all = new Dictionary<string, string> { ["urls"] = Rest.ToString().TrimEnd('/'), ["Grpc:Url"] = grpc };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        Server = new BourseServer(null, all);
        Server.StartOnUrls();
        Channel = GrpcChannel.ForAddress(grpc);
    }

    public BourseServer Server { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The REST endpoint (HTTP/1.1; the factory's own clients may pick the HTTP/2-only gRPC one).</summary>
    public Uri Rest { get; }

    /// <summary>A REST client on <see cref="Rest"/> authenticated with <paramref name="credential"/> (default the admin key).</summary>
    public HttpClient RestClient(string? credential = null)
    {
        var client = new HttpClient { BaseAddress = Rest };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credential ?? Server.AdminKey);
        return client;
    }

    /// <summary>Registers a trader through the admin over <see cref="Rest"/> and signs in; returns the access token.</summary>
    public async Task<string> SignUpAsync(string username)
    {
        using var client = RestClient();
        var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { username, password = BourseServer.Password, role = "trader" }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = BourseServer.Password }, BourseServer.Json);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await BourseServer.ReadJsonAsync(login)).GetProperty("data").GetProperty("access_token").GetString()!;
    }

    public static Metadata Bearer(string credential) => new() { { "authorization", $"Bearer {credential}" } };

    public static decimal Money(string wire) => decimal.Parse(wire, CultureInfo.InvariantCulture);

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A new trader whose paper account has seen a BTC price (a market order's risk check no longer lacks one).</summary>
    public async Task<Metadata> TraderWithPriceAsync(string name)
    {
        var trader = Bearer(await SignUpAsync(name));
        var risk = new Risk.RiskClient(Channel);
        await BourseServer.WaitForAsync(
            async () =>
            {
                try
                {
                    await risk.CheckOrderRiskAsync(new PlaceOrderRequest { Symbol = Btc, Side = "buy", Type = "market", Qty = "0.01" }, trader);
                    return true;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && e.Trailers.GetValue("field") == "symbol")
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            "a BTC price in the paper account");
        return trader;
    }

    /// <summary>Polls the order until <paramref name="done"/> holds.</summary>
    public async Task<Order> WaitForOrderAsync(string id, Metadata trader, Func<Order, bool> done, string what)
    {
        var orders = new Orders.OrdersClient(Channel);
        Order order = null!;
        await BourseServer.WaitForAsync(async () => done(order = await orders.GetOrderStatusAsync(new OrderRequest { OrderId = id }, trader)), TimeSpan.FromSeconds(60), what);
        return order;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
