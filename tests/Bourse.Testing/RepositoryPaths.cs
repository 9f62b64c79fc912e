namespace Bourse.Testing;

/// <summary>
/// Locates the repository (the folder holding <c>Bourse.slnx</c>) and the shared real market data
/// (<c>../shared/data</c> beside the repository, as on developer machines and in CI).
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root.</summary>
    /// <exception cref="DirectoryNotFoundException">No ancestor of the test binaries holds Bourse.slnx.</exception>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>samples/data</c> in the repository.</summary>
    public static string SampleData => Path.Combine(RepositoryRoot, "samples", "data");

    /// <summary>The shared real market data folder (<c>../shared/data</c>).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder is missing.</exception>
    public static string SharedData
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"The shared market data folder {path} is missing; it must sit beside the repository.");
        }
    }

    /// <summary>A file under the shared data folder, e.g. <c>Shared("lean/equity/usa/minute/spy/20131007_trade.zip")</c>.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static string Shared(string relativePath)
    {
        var path = Path.Combine(SharedData, relativePath);
        return File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"Shared data file {path} is missing.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bourse.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Bourse.slnx.");
    }
}
