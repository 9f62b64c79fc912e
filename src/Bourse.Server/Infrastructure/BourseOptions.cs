namespace Bourse.Server.Infrastructure;

/// <summary>Section <c>Database</c> (env <c>BOURSE_DATABASE__PROVIDER</c>, <c>BOURSE_DATABASE__CONNECTIONSTRING</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Database";

    /// <summary>"sqlite" (default) or "postgres" ("postgresql" is accepted too); case-insensitive.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// ADO.NET connection string of the provider. SQLite default <c>Data Source=data/bourse.db</c> (relative to the working
    /// directory; the folder is created). PostgreSQL: an Npgsql connection string, e.g.
    /// <c>Host=localhost;Port=5432;Database=bourse;Username=bourse;Password=secret</c> (the database must exist; the tables
    /// are created by the migrations at start-up).
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/bourse.db";

    /// <summary>True for "postgres"/"postgresql", false for "sqlite".</summary>
    /// <exception cref="NotSupportedException">Any other provider name.</exception>
    public bool IsPostgres => Provider.ToLowerInvariant() switch
    {
        "sqlite" => false,
        "postgres" or "postgresql" => true,
        _ => throw new NotSupportedException($"Database provider '{Provider}' is not supported; use 'sqlite' or 'postgres' (Database:Provider, env BOURSE_DATABASE__PROVIDER)."),
    };
}

/// <summary>Section <c>Plugins</c>.</summary>
public sealed class PluginOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Plugins";

    /// <summary>Largest accepted upload, bytes (default 1 MiB).</summary>
    public long MaxUploadBytes { get; set; } = 1024 * 1024;
}

/// <summary>Section <c>Runs</c>: the paper account and event loop of every live run.</summary>
public sealed class RunOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Runs";

    /// <summary>Starting paper cash of each run, in <see cref="Currency"/> (default 100000).</summary>
    public decimal StartingCash { get; set; } = 100_000m;

    /// <summary>Account currency (default USD).</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Paper commission in basis points of fill notional (default 1).</summary>
    public decimal FeeBps { get; set; } = 1m;

    /// <summary>Strategy exceptions tolerated before a run goes to <c>error</c> (default 10).</summary>
    public int MaxErrors { get; set; } = 10;

    /// <summary>Capacity of each run's input queue (bars, ticks); bars arriving when it is full are dropped and logged (default 10000).</summary>
    public int InputQueueCapacity { get; set; } = 10_000;

    /// <summary>Wall-clock period of timer ticks (AdvanceTime) and of statistics samples (default 1 s).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Wall time one strategy callback may take, milliseconds (default 1000). Source strategies are stopped by the probes
    /// the sandbox compiler injects; a binary one is abandoned by the run loop's watchdog at twice this time.
    /// </summary>
    public int CallbackTimeBudgetMs { get; set; } = 1000;

    /// <summary>Bytes one strategy callback may allocate on its run's thread (default 64 MiB).</summary>
    public long CallbackAllocationBudgetBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Wall-clock period at which each run's strategy state is saved (<c>OnSave</c>; stored only when it changed) for a
    /// resume after a restart (default 10 s); the state is also saved when a run stops or is suspended by a shutdown.
    /// </summary>
    public TimeSpan StateSaveInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Section <c>MarketData</c>: the feed (the replay of <see cref="DataPath"/> by default, or Binance's live streams).</summary>
public sealed class MarketDataOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "MarketData";

    /// <summary><c>replay</c> (default): replay the files of <see cref="DataPath"/>; <c>binance</c>: Binance's live spot streams (<see cref="Binance"/>).</summary>
    public string Feed { get; set; } = "replay";

    /// <summary>Section <c>MarketData:Binance</c>: endpoint, symbols and kline interval of the live Binance feed.</summary>
    public Bourse.Data.Feeds.Binance.BinanceFeedOptions Binance { get; set; } = new();

    /// <summary>When false no feed runs (no instruments, runs cannot start).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder (or file) of bar data; relative paths are looked up from the content root, then its parents (default samples/data).</summary>
    public string DataPath { get; set; } = "samples/data";

    /// <summary>Market time per wall time (default 60: one 1-minute bar per second).</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Restart the data after its end (default true).</summary>
    public bool Loop { get; set; } = true;

    /// <summary>
    /// Instruments the server itself keeps subscribed, so they are published (persisted, streamed on <c>bars</c> topics)
    /// without any run: <c>*</c> (default) every instrument of the feed, else comma-separated ids, empty for none (an
    /// instrument is then published only while a run or session subscribes it).
    /// </summary>
    public string AlwaysSubscribed { get; set; } = "*";
}

/// <summary>Section <c>Outbox</c>: the queue between runs and the database writer / WebSocket hub (policy: <see cref="Runs.RunEventOutbox"/>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Outbox";

    /// <summary>
    /// High-water mark: events not yet committed at which every run pauses at its next event boundary (default 65536).
    /// Writing never blocks and never drops; this bounds the queue by pausing its producers.
    /// </summary>
    public int Capacity { get; set; } = 65_536;

    /// <summary>Low-water mark: paused runs resume once the events not yet committed are at most this many (default half of <see cref="Capacity"/>).</summary>
    public int? ResumeBelow { get; set; }

    /// <summary>Events written per transaction at most (default 5000).</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// Longest wait for more events before committing a batch that is not full, milliseconds (default 0: commit what is
    /// there; under load batches grow by themselves while the previous one commits).
    /// </summary>
    public int FlushIntervalMilliseconds { get; set; }

    /// <summary>Delay before the first retry of a failed batch, milliseconds; doubled per failure (default 50).</summary>
    public int RetryDelayMilliseconds { get; set; } = 50;

    /// <summary>Longest delay between two retries, milliseconds (default 5000).</summary>
    public int MaxRetryDelayMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// How long the database may keep failing before every active run is stopped with status error and the reason
    /// "database unavailable" (default 60 s). Their events, the stop included, stay queued and are written once it is back.
    /// </summary>
    public TimeSpan FailRunsAfter { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Section <c>Streaming</c>: the WebSocket hub.</summary>
public sealed class StreamingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Streaming";

    /// <summary>
    /// Messages queued per client (at least 8; default 1024). A client that falls this far behind is a slow consumer:
    /// its queue is discarded and it is closed with 1008 <c>slow consumer: N messages behind</c>.
    /// </summary>
    public int ClientQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// How long a closing connection has to take the server's close (a slow consumer: to read up to it) and answer it
    /// before it is aborted (default 5 s).
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the server pings each client (default 30 s).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after a ping the server waits for the client's pong before it drops the connection (default 30 s), so a
    /// client that vanished without closing its TCP connection is forgotten.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a connection that did not authenticate with its upgrade has to send <c>{"action":"auth",...}</c> before it is closed (default 10 s).</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
