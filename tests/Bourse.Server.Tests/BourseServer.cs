using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bourse.Persistence;
using Bourse.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.Server.Tests;

/// <summary>
/// The real server in-process: a real database (<see cref="TestDatabase"/>: an SQLite file in a temp folder, or a database in
/// a throwaway PostgreSQL), the real replay feed over samples/data at 6000x
/// (one 1-minute bar every 10 ms), real WebSockets through the test server. <see cref="WebApplicationFactory{T}.CreateClient()"/>
/// and <see cref="ConnectAsync"/> authenticate as the first admin with the key the server wrote to its data folder;
/// <see cref="CreateAnonymousClient"/> does not authenticate.
/// </summary>
public sealed class BourseServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings;

    public BourseServer()
        : this(null, null)
    {
    }

    internal BourseServer(string? folder, IDictionary<string, string>? settings)
    {
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "bourse-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        ConnectionString = TestDatabase.ConnectionString(Folder);
        _settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = TestDatabase.Provider,
            ["Database:ConnectionString"] = ConnectionString,
            ["Auth:DataFolder"] = Folder,
            ["MarketData:DataPath"] = RepositoryPaths.SampleData,
            ["MarketData:Speed"] = "6000",
            ["Runs:TickInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",

            // Tests send bursts from one user; RateLimitTests sets its own low limits.
            ["RateLimits:PerUserPerMinute"] = "100000",
            ["RateLimits:PerKeyPerMinute"] = "100000",
            ["RateLimits:SignInPerMinute"] = "100000",
            ["RateLimits:TradingPerMinute"] = "100000",

            // Argon2id at 1 MiB and one pass: the same code path, a fraction of the production cost (19 MiB, 2 passes).
            ["Auth:PasswordMemoryKiB"] = "1024",
            ["Auth:PasswordIterations"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }
    }

    public string Folder { get; }

    /// <summary>Every log line the server wrote (at the configured levels), formatted with its category.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Every log line as the console shows it (the configured formatter: JSON by default), with its scopes.</summary>
    public ConcurrentQueue<string> ConsoleLines { get; } = new();

    /// <summary>The connection string of the server's database (provider <see cref="TestDatabase.Provider"/>).</summary>
    public string ConnectionString { get; }

    /// <summary>The first admin's API key (<c>bk_….secret</c>), read from the file the server wrote at its first start.</summary>
    public string AdminKey => _adminKey ??= ReadAdminKey();

    private string? _adminKey;

    private string ReadAdminKey()
    {
        _ = Services; // starts the server, which writes the key file at its first start
        return File.ReadAllText(Path.Combine(Folder, "admin-api-key")).Trim();
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A fresh context on the server's database, independent of the server's services.</summary>
    public BourseDbContext OpenDatabase() => TestDatabase.Open(ConnectionString);

    /// <summary>
    /// Makes inserts into <c>runs</c> wait until the returned handle is disposed: SQLite's write lock (a <c>BEGIN IMMEDIATE</c>
    /// transaction) or, on PostgreSQL, an EXCLUSIVE lock on the table (reads still pass).
    /// </summary>
    public async Task<IAsyncDisposable> BlockRunInsertsAsync()
    {
        var db = OpenDatabase();
        await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE runs IN EXCLUSIVE MODE");
        }

        return db;
    }

    /// <summary>Serves on Kestrel on a free loopback port (real sockets) instead of the in-memory test server; returns its address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>Serves on Kestrel at its configured <c>urls</c> and <c>Grpc:Url</c> (real sockets, the server's own endpoint setup).</summary>
    public void StartOnUrls()
    {
        UseKestrel();
        StartServer();
    }

    /// <summary>A WebSocket authenticated with <paramref name="credential"/> (default the admin key) in the upgrade's Authorization header.</summary>
    public async Task<WebSocket> ConnectAsync(string? credential = null)
    {
        var token = credential ?? AdminKey;
        var client = Server.CreateWebSocketClient();
        client.ConfigureRequest = r => r.Headers.Authorization = $"Bearer {token}";
        return await client.ConnectAsync(new Uri(Server.BaseAddress, "/ws"), CancellationToken.None);
    }

    /// <summary>The password every test user gets.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>Registers <paramref name="username"/> (through the admin, so any role) and signs in; returns the access token.</summary>
    public async Task<string> SignUpAsync(string username, string role = "trader")
    {
        var client = CreateClient();
        var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { username, password = Password, role }, Json);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = Password }, Json);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await ReadJsonAsync(login)).GetProperty("data").GetProperty("access_token").GetString()!;
    }

    /// <summary>A client sending no credential.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A client authenticated with <paramref name="credential"/> (an access token or an API key).</summary>
    public HttpClient CreateClient(string credential)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return client;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] content, string? createdBy = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "plugin", fileName);
        if (createdBy is not null)
        {
            form.Add(new StringContent(createdBy), "created_by");
        }

        return await CreateClient().PostAsync("/api/v1/plugins/upload", form);
    }

    public Task<HttpResponseMessage> UploadSourceAsync(string fileName, string source) => UploadAsync(fileName, Encoding.UTF8.GetBytes(source));

    public async Task<Guid> PluginIdAsync(string name)
    {
        var list = await ReadJsonAsync(await CreateClient().GetAsync("/api/v1/plugins?limit=500"));
        return list.GetProperty("data").GetProperty("plugins").EnumerateArray()
            .First(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public async Task<HttpResponseMessage> StartAsync(object body) =>
        await CreateClient().PostAsJsonAsync("/api/v1/strategies/start", body, Json);

    public async Task<JsonElement> StatusAsync(Guid runId) =>
        (await ReadJsonAsync(await CreateClient().GetAsync($"/api/v1/strategies/{runId}/status"))).GetProperty("data");

    /// <summary>Reads messages until one matches or the timeout passes.</summary>
    public static async Task<JsonElement> ReceiveUntilAsync(WebSocket socket, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cts.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            if (match(json))
            {
                return json;
            }
        }
    }

    /// <summary>Sends <c>{"action": action, "params": parameters}</c> and returns the server's reply to it (its type is the action, lower-cased; updates read meanwhile are skipped).</summary>
    public static async Task<JsonElement> SendActionAsync(WebSocket socket, string action, object? parameters = null)
    {
        await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { action, @params = parameters }, Json), WebSocketMessageType.Text, true, CancellationToken.None);
        return await ReceiveUntilAsync(socket, m => string.Equals(m.GetProperty("type").GetString(), action, StringComparison.OrdinalIgnoreCase) && m.TryGetProperty("status", out _), TimeSpan.FromSeconds(10));
    }

    /// <summary>Subscribes to <paramref name="route"/> with <paramref name="parameters"/>; returns the topic key (fails on an error reply).</summary>
    public static async Task<string> SubscribeAsync(WebSocket socket, string route, object? parameters = null)
    {
        var reply = await SendActionAsync(socket, $"{route}.subscribe", parameters);
        Assert.True(reply.GetProperty("status").GetString() == "ok", reply.GetRawText());
        return reply.GetProperty("topic").GetString()!;
    }

    /// <summary>True for an update of event <paramref name="eventName"/> (order_filled, strategy_started…) of run <paramref name="runId"/>.</summary>
    public static bool IsRunUpdate(JsonElement message, string eventName, Guid runId) =>
        message.TryGetProperty("event", out var e) && e.GetString() == eventName && message.GetProperty("payload").GetProperty("run_id").GetGuid() == runId;

    /// <summary>Connects <paramref name="tcp"/> to <paramref name="address"/> and completes a WebSocket upgrade of <c>/ws</c> by hand (authenticated with <paramref name="credential"/>).</summary>
    public static async Task UpgradeAsync(TcpClient tcp, Uri address, string credential)
    {
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var request = $"GET /ws HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {credential}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var response = new StringBuilder();
        var one = new byte[1];
        while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one));
            response.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", response.ToString(), StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.ToString(), StringComparison.Ordinal); // RFC 6455's example key and answer
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs)));
        builder.ConfigureServices(services => JsonLogCapture.AddTo(services, ConsoleLines));
    }
}

/// <summary>Keeps every log line (message, exception and scope-free state) in a queue.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
