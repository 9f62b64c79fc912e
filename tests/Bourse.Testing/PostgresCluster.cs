using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Bourse.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests and benchmarks: one cluster per process, created on first use with
/// <c>initdb</c> in a temporary folder (<c>{temp}/bourse-pg-{pid}-{random}</c>), started with <c>pg_ctl</c> on a free
/// loopback port (durability off: fsync, synchronous_commit and full_page_writes, unless <see cref="DurableVariable"/>
/// is <c>1</c>, for benchmarks that compare with SQLite at synchronous=FULL). A detached watchdog shell stops it and
/// deletes the folder within a second of this process ending, however it ends (exit, crash or kill). Running as root (CI),
/// the server runs as the <c>postgres</c> user through <c>runuser</c>, since <c>initdb</c> refuses root.
/// </summary>
public sealed class PostgresCluster
{
    /// <summary>Environment variable naming the folder of <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c> (overrides the search).</summary>
    public const string BinFolderVariable = "BOURSE_TEST_PG_BIN";

    /// <summary>Environment variable that, set to <c>1</c>, starts the cluster with fsync, synchronous_commit and full_page_writes on.</summary>
    public const string DurableVariable = "BOURSE_TEST_PG_DURABLE";

    private const string SystemUser = "postgres";
    private static readonly string[] Tools = ["initdb", "pg_ctl", "postgres"];
    private static readonly Lazy<string?> BinFolderOrNull = new(FindBinFolder);
    private static readonly Lazy<PostgresCluster> SharedCluster = new(() => Start(BinFolder()));

    private readonly int _port;

    private PostgresCluster(int port) => _port = port;

    /// <summary>
    /// Why PostgreSQL tests cannot run here, naming what is missing; null when they can. Cheap: looks for the binaries
    /// (and, as root, for <c>runuser</c> and the <c>postgres</c> user) without starting anything.
    /// </summary>
    public static string? UnavailableReason
    {
        get
        {
            if (BinFolderOrNull.Value is null)
            {
                return $"PostgreSQL server binaries ({string.Join(", ", Tools)}) not found in /usr/lib/postgresql/*/bin, on PATH or in ${BinFolderVariable}; install PostgreSQL (Debian: apt-get install postgresql).";
            }

            if (Environment.IsPrivilegedProcess && FindOnPath("runuser") is null)
            {
                return "Running as root, the throwaway PostgreSQL must run as the 'postgres' user, but runuser is not on PATH.";
            }

            return Environment.IsPrivilegedProcess && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith(SystemUser + ":", StringComparison.Ordinal))
                ? "Running as root, the throwaway PostgreSQL must run as the 'postgres' user, which does not exist (install PostgreSQL's server package)."
                : null;
        }
    }

    /// <summary>The process's cluster, started on first use.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is unavailable (<see cref="UnavailableReason"/>) or failed to start (with its output).</exception>
    public static PostgresCluster Shared => SharedCluster.Value;

    /// <summary>The cluster's port on 127.0.0.1.</summary>
    public int Port => _port;

    /// <summary>
    /// An Npgsql connection string to the database <paramref name="name"/> (lower-case letters, digits, underscores),
    /// creating the database when it does not exist yet; the same name gives the same database (for restart tests).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a plain identifier of at most 63 characters.</exception>
    public string CreateDatabase(string name)
    {
        if (name.Length is 0 or > 63 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException($"Database name '{name}' must be 1-63 lower-case letters, digits or underscores.", nameof(name));
        }

        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                create.ExecuteNonQuery();
            }
        }

        return ConnectionString(name);
    }

    /// <summary>A fresh, empty database with a unique name; returns its connection string.</summary>
    public string CreateDatabase() => CreateDatabase("bourse_" + Guid.NewGuid().ToString("N"));

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = SystemUser,
            Database = database,
            IncludeErrorDetail = true,
        }.ConnectionString;

    private static PostgresCluster Start(string binFolder)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bourse-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var data = Path.Combine(folder, "data");
        var pgCtl = Path.Combine(binFolder, "pg_ctl");
        Run(binFolder, "mkdir", "-p", folder);
        Run(binFolder, Path.Combine(binFolder, "initdb"), "-D", data, "-U", SystemUser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");

        // Detached (reparented to init), so it outlives this process and any kill of its process tree.
        var watchdog = $"while [ -d /proc/{Environment.ProcessId} ]; do sleep 1; done; {pgCtl} -D {data} -m immediate -w stop; rm -rf {folder}";
        Run(binFolder, "sh", "-c", $"nohup sh -c '{watchdog}' >/dev/null 2>&1 &");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                Run(binFolder, pgCtl, "-D", data, "-l", Path.Combine(folder, "postgres.log"), "-w", "-t", "60", "-o",
                    $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 {Durability()} -c max_connections=500",
                    "start");
                return new PostgresCluster(port);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between FreePort and the server's bind: try another one.
            }
        }
    }

    private static string Durability()
    {
        var on = Environment.GetEnvironmentVariable(DurableVariable) == "1" ? "on" : "off";
        return $"-c fsync={on} -c synchronous_commit={on} -c full_page_writes={on}";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a tool (as the <c>postgres</c> user when this process is root) and waits for it.</summary>
    /// <exception cref="InvalidOperationException">It exited with an error; the message holds its output.</exception>
    private static void Run(string binFolder, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Environment.IsPrivilegedProcess)
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", SystemUser, "--", fileName, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = fileName;
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} (PostgreSQL binaries in {binFolder}) failed with exit code {process.ExitCode}:\n{output}\n{error.Result}");
        }
    }

    private static string BinFolder() =>
        UnavailableReason is { } reason ? throw new InvalidOperationException(reason) : BinFolderOrNull.Value!;

    private static string? FindBinFolder()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(BinFolderVariable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }
        else
        {
            if (Directory.Exists("/usr/lib/postgresql"))
            {
                candidates.AddRange(Directory.EnumerateDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                    .Select(d => Path.Combine(d, "bin")));
            }

            if (FindOnPath("pg_ctl") is { } pgCtl)
            {
                candidates.Add(Path.GetDirectoryName(pgCtl)!);
            }
        }

        return candidates.FirstOrDefault(folder => Tools.All(tool => File.Exists(Path.Combine(folder, tool))));
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}
