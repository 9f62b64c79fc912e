using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Bourse.Data.Files;
using Bourse.Sdk.MarketData;
using Bourse.Server.Streaming;
using Bourse.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Benchmarks;

/// <summary>
/// WebSocket fan-out: the real server on Kestrel (SQLite in a temp folder, the replay feed too slow to publish), <see cref="Clients"/> clients
/// over real loopback sockets, all subscribed to one bars topic; one operation publishes <see cref="Updates"/> real SPY
/// minute bars through <see cref="StreamHub.Publish(Bar)"/> and ends when every client has read every update. The
/// clients are minimal RFC 6455 clients (<see cref="MinimalWebSocketClient"/>: upgrade handshake checked, masked client frames,
/// server frames parsed and checked, pings answered) that read 64 KiB at a time and count the update frames:
/// <see cref="ClientWebSocket"/> costs about as much CPU per message in its <c>ReceiveAsync</c> as the server's whole
/// fan-out, so with 1,000 of them in the same process the figure would mostly measure the test clients. The server
/// pings every client every second meanwhile, and an operation fails if any client is disconnected. Prints
/// Msg/s (updates delivered to clients per second, in total), the CPU time of the process per update, the drain lag (from the last publish of an operation to
/// its last delivery) and the machine's 1-minute load average at the end (2 cores, shared). The publisher keeps at
/// most three quarters of a client queue ahead of the slowest client (sleeping 1 ms when it is that far ahead), so no client is disconnected as a slow consumer.
/// Run: <c>dotnet run -c Release --project bench/Bourse.Benchmarks -- --filter '*WebSocketFanOut*'</c>.
/// </summary>
[Config(typeof(FanOutConfig))]
public class WebSocketFanOut
{
    /// <summary>Connected clients.</summary>
    public const int Clients = 1000;

    /// <summary>Updates published per operation (each goes to every client).</summary>
    public const int Updates = 1000;

    private const int QueueCapacity = 1024;

    private static readonly List<double> DrainLags = [];
    private static readonly List<double> CpuPerMessage = [];
    private static string _load = "n/a";

    private readonly List<MinimalWebSocketClient> _clients = [];
    private readonly List<Task> _readers = [];
    private long[] _received = [];
    private IReadOnlyList<Bar> _bars = [];
    private Server _server = null!;
    private StreamHub _hub = null!;
    private long _published;

    /// <summary>Starts the server and connects and subscribes the clients.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bars = BarFiles.Read(RepositoryPaths.Shared("lean/equity/usa/minute/spy"));
        _server = new Server();
        var address = _server.StartOnKestrel();
        _hub = _server.Services.GetRequiredService<StreamHub>();
        var key = File.ReadAllText(Path.Combine(_server.Folder, "admin-api-key")).Trim();
        _received = new long[Clients];
        var subscribe = Encoding.UTF8.GetBytes($"{{\"action\":\"bars.subscribe\",\"params\":{{\"symbol\":\"{_bars[0].Instrument}\"}}}}");
        for (var i = 0; i < Clients; i++)
        {
            var client = await MinimalWebSocketClient.ConnectAsync(address, key);
            await client.SendTextAsync(subscribe);
            var reply = await client.ReceiveTextAsync();
            if (!reply.Contains("\"status\":\"ok\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Subscribing failed: {reply}");
            }

            _clients.Add(client);
            var index = i;
            _readers.Add(Task.Run(() => client.CountUpdatesAsync(count => Volatile.Write(ref _received[index], count))));
        }
    }

    /// <summary>Publishes <see cref="Updates"/> bars and waits until every client read them.</summary>
    [Benchmark(Description = "1,000 clients, one shared bars topic")]
    public void PublishAndDeliver()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var target = _published + Updates;
        while (_published < target)
        {
            var limit = Math.Min(target, SlowestClient() + (QueueCapacity * 3 / 4));
            while (_published < limit)
            {
                _hub.Publish(_bars[(int)(_published++ % _bars.Count)]);
            }

            if (_published < target)
            {
                EnsureAllConnected();
                Thread.Sleep(1); // the clients are behind: leave the cores to them
            }
        }

        var lastPublished = Stopwatch.GetTimestamp();
        while (SlowestClient() < target)
        {
            EnsureAllConnected();
            Thread.Sleep(1);
        }

        var lag = Stopwatch.GetElapsedTime(lastPublished).TotalMilliseconds;
        var microseconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / ((double)Updates * Clients);
        lock (DrainLags)
        {
            DrainLags.Add(lag);
            CpuPerMessage.Add(microseconds);
        }
    }

    /// <summary>Closes the clients and stops the server.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        _clients.ForEach(c => c.Dispose());
        await Task.WhenAll(_readers);
        await _server.DisposeAsync();
    }

    /// <summary>Fails rather than waits forever when a client was disconnected (e.g. as a slow consumer, or for a missed pong).</summary>
    private void EnsureAllConnected()
    {
        if (_hub.ClientCount != Clients)
        {
            throw new InvalidOperationException($"{Clients - _hub.ClientCount} of the {Clients} clients were disconnected.");
        }
    }

    private long SlowestClient()
    {
        var slowest = long.MaxValue;
        for (var i = 0; i < _received.Length; i++)
        {
            slowest = Math.Min(slowest, Volatile.Read(ref _received[i]));
        }

        return slowest;
    }

    /// <summary>The Bourse server (the entry point of <see cref="StreamHub"/>'s assembly), on Kestrel, in a temp folder.</summary>
    private sealed class Server : WebApplicationFactory<StreamHub>
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("bourse-bench-").FullName;

        public Uri StartOnKestrel()
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(Folder, "bourse.db")}");
            builder.UseSetting("MarketData:DataPath", RepositoryPaths.SampleData);
            builder.UseSetting("MarketData:AlwaysSubscribed", "");
            builder.UseSetting("MarketData:Speed", "0.001"); // the feed publishes (nearly) nothing itself
            builder.UseSetting("Streaming:ClientQueueCapacity", QueueCapacity.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Streaming:KeepAliveInterval", "00:00:01"); // heartbeats during the run: the clients answer every ping
            builder.UseSetting("RateLimits:PerUserPerMinute", "1000000");
            builder.UseSetting("RateLimits:PerKeyPerMinute", "1000000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    private sealed class FanOutConfig : ManualConfig
    {
        public FanOutConfig()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(10).WithInvocationCount(1).WithUnrollFactor(1));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(new ThroughputColumn("Msg/s", _ => Updates * Clients));
            AddColumn(new AllocationPerItemColumn("B/msg", _ => Updates * Clients));
            AddColumn(new MeasuredColumn("Drain lag ms", "median time from an operation's last publish to its last delivery", () => Median(DrainLags, "F1")));
            AddColumn(new MeasuredColumn("CPU µs/msg", "median CPU time of the whole process (server and clients) per delivered update", () => Median(CpuPerMessage, "F2")));
            AddColumn(new MeasuredColumn("Load 1m", "the machine's 1-minute load average at the end (2 cores, shared)", () => _load));
        }

        private static string Median(List<double> values, string format)
        {
            lock (DrainLags)
            {
                return values.Count == 0 ? "n/a" : values.Order().ElementAt(values.Count / 2).ToString(format, CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>A figure measured by the benchmark itself during the run.</summary>
    private sealed class MeasuredColumn(string header, string legend, Func<string> figure) : FigureColumn(header, legend, 2)
    {
        protected override string Figure(Summary summary, BenchmarkCase benchmarkCase) => figure();
    }
}
