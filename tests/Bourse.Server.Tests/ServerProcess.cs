using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Bourse.Persistence;
using Bourse.Testing;

namespace Bourse.Server.Tests;

/// <summary>
/// The built server (<c>Bourse.Server.dll</c> beside the tests) run as a child process with <c>dotnet</c>, as an operator
/// runs it: its own data folder (the SQLite file, the admin key), a free loopback port, the replay feed at 1500x (a bar every 40 ms). Settings
/// are passed as <c>BOURSE_</c> environment variables. <see cref="Kill"/> ends it with SIGKILL (no shutdown at all).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string folder, Uri address, string connectionString)
    {
        _process = process;
        Folder = folder;
        Address = address;
        ConnectionString = connectionString;
    }

    public string Folder { get; }

    public Uri Address { get; }

    public string ConnectionString { get; }

    /// <summary>What the process wrote on stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The first admin's API key the server wrote at its first start.</summary>
    public string AdminKey => File.ReadAllText(Path.Combine(Folder, "admin-api-key")).Trim();

    /// <summary>Starts the server on <paramref name="folder"/> (created) and waits until <c>/health</c> answers.</summary>
    public static async Task<ServerProcess> StartAsync(string folder, IReadOnlyDictionary<string, string>? settings = null)
    {
        Directory.CreateDirectory(folder);
        var server = Path.Combine(AppContext.BaseDirectory, "Bourse.Server.dll");
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var connectionString = TestDatabase.ConnectionString(folder);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(server);
        var all = new Dictionary<string, string>
        {
            ["Urls"] = address.ToString(),
            ["Database:Provider"] = TestDatabase.Provider,
            ["Database:ConnectionString"] = connectionString,
            ["Auth:DataFolder"] = folder,
            ["MarketData:DataPath"] = RepositoryPaths.SampleData,
            ["MarketData:Speed"] = "1500",
            ["Runs:TickInterval"] = "00:00:00.200",
            ["Runs:StateSaveInterval"] = "00:00:00.300",
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimits:PerUserPerMinute"] = "100000",
            ["RateLimits:PerKeyPerMinute"] = "100000",
            ["RateLimits:TradingPerMinute"] = "100000",
            ["Auth:PasswordMemoryKiB"] = "1024",
            ["Auth:PasswordIterations"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            start.Environment["BOURSE_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var result = new ServerProcess(process, folder, address, all["Database:ConnectionString"]);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await result.WaitUntilHealthyAsync();
        return result;
    }

    /// <summary>An HTTP client authenticated as the first admin.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    /// <summary>A WebSocket on <c>/ws</c> authenticated as the first admin with its upgrade.</summary>
    public async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {AdminKey}");
        await socket.ConnectAsync(new Uri($"ws://{Address.Authority}/ws"), CancellationToken.None);
        return socket;
    }

    /// <summary>A context on the server's database, independent of the process.</summary>
    public BourseDbContext OpenDatabase() => OpenDatabase(Folder);

    /// <summary>A context on the database of the server of <paramref name="folder"/>, whether it runs or not.</summary>
    public static BourseDbContext OpenDatabase(string folder) => TestDatabase.Open(TestDatabase.ConnectionString(folder));

    /// <summary>SIGKILL: the process ends at once, without any shutdown.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode && File.Exists(Path.Combine(Folder, "admin-api-key")))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server did not answer /health within 120 s:\n{Output}");
            }

            await Task.Delay(100);
        }
    }
}
