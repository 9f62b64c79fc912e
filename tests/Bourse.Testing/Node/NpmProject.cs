using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Bourse.Testing.Node;

/// <summary>
/// An npm project of the repository (a folder with <c>package.json</c> and a committed <c>package-lock.json</c>) whose Node.js
/// scripts tests run. Its packages are installed with <c>npm ci</c> at most once per lockfile: a stamp in
/// <c>node_modules</c> records the SHA-256 of <c>package.json</c> and <c>package-lock.json</c> it was installed from, so a
/// later test run (or the other server test project) skips the install while they are unchanged. Concurrent installs of the
/// same folder, from this process or another one (the SQLite and PostgreSQL server test projects run at the same time), are
/// serialised by an exclusive lock on a file in the temp folder. Node.js and npm missing is a failure, not a skip.
/// </summary>
/// <example><code>
/// var result = await NpmProject.At("tests/contracts").RunAsync("lint.mjs", ["http://127.0.0.1:5000/openapi/v1.json"]);
/// Assert.True(result.ExitCode == 0, result.ToString());
/// </code></example>
public sealed class NpmProject
{
    private const string StampFile = ".bourse-npm-ci";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly ConcurrentDictionary<string, Lazy<Task>> Installs = new(StringComparer.Ordinal);

    private NpmProject(string folder) => Folder = folder;

    /// <summary>The project's folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>The project in <paramref name="folder"/>, relative to the repository root (e.g. <c>tests/contracts</c>) or absolute.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>package.json</c> or no <c>package-lock.json</c>.</exception>
    public static NpmProject At(string folder)
    {
        var full = Path.GetFullPath(Path.Combine(RepositoryPaths.RepositoryRoot, folder));
        foreach (var file in new[] { "package.json", "package-lock.json" })
        {
            var path = Path.Combine(full, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The npm project {full} has no {file} (commit the lockfile: npm install --package-lock-only).", path);
            }
        }

        return new NpmProject(full);
    }

    /// <summary>
    /// Installs the lockfile's packages with <c>npm ci</c> unless <c>node_modules</c> was installed from the same
    /// <c>package.json</c> and <c>package-lock.json</c>; once per process, under a cross-process file lock.
    /// </summary>
    /// <exception cref="InvalidOperationException">node or npm is not on PATH, or <c>npm ci</c> failed (the message holds its output).</exception>
    /// <exception cref="TimeoutException"><c>npm ci</c> took longer than 10 minutes.</exception>
    public Task InstallAsync() => Installs.GetOrAdd(Folder, _ => new Lazy<Task>(InstallOnceAsync)).Value;

    /// <summary>
    /// Runs the Node.js script <paramref name="script"/> (relative to <see cref="Folder"/>, e.g. <c>session.mjs</c> or
    /// <c>node_modules/.bin/redocly</c>) in <see cref="Folder"/> after <see cref="InstallAsync"/>, and returns how it ended.
    /// </summary>
    /// <param name="script">The script, relative to the project folder.</param>
    /// <param name="arguments">Arguments after the script.</param>
    /// <param name="environment">Variables added to the environment (e.g. a server address and key).</param>
    /// <param name="timeout">How long the script may run; default 2 minutes.</param>
    /// <exception cref="InvalidOperationException">node or npm is not on PATH, or the install failed.</exception>
    /// <exception cref="TimeoutException">The script ran longer than <paramref name="timeout"/> (it is killed; the message holds its output).</exception>
    public async Task<NodeResult> RunAsync(
        string script, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        await InstallAsync();
        return await NodeProcess.RunAsync("node", [script, .. arguments ?? []], Folder, environment, timeout ?? TimeSpan.FromMinutes(2));
    }

    private async Task InstallOnceAsync()
    {
        NodeProcess.Find("node");
        NodeProcess.Find("npm");
        var fingerprint = Fingerprint();
        var stamp = Path.Combine(Folder, "node_modules", StampFile);
        await using var folderLock = await LockAsync();
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == fingerprint)
        {
            return;
        }

        var result = await NodeProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, null, InstallTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed: {result}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(stamp)!); // a project without dependencies gets no node_modules
        await File.WriteAllTextAsync(stamp, fingerprint);
    }

    /// <summary>SHA-256 of package.json and package-lock.json: what an install is valid for.</summary>
    private string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(Path.Combine(Folder, "package.json")));
        hash.AppendData(File.ReadAllBytes(Path.Combine(Folder, "package-lock.json")));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>
    /// An exclusive lock on <c>{temp}/bourse-npm-{hash of the folder}.lock</c> (.NET takes an advisory <c>flock</c> for
    /// <see cref="FileShare.None"/>), polled until free: another process may be installing the same folder.
    /// </summary>
    private async Task<FileStream> LockAsync()
    {
        var name = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Folder)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"bourse-npm-{name}.lock");
        using var deadline = new CancellationTokenSource(InstallTimeout);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
            }
        }
    }
}
