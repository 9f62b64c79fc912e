namespace Bourse.Data.Files;

/// <summary>
/// A data file could not be read: it is malformed, of an unsupported kind, or its instrument cannot be told.
/// The message names the file (and the zip entry, when there is one), the 1-based line number when the problem
/// is on a line, and what is wrong, e.g.
/// <c>/data/spy/20131007_trade.zip:20131007_spy_minute_trade.csv line 17: expected 6 fields, found 4</c>.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates an exception for a problem in <paramref name="filePath"/>.</summary>
    public DataFileException(string filePath, string? entryName, int? lineNumber, string problem, Exception? innerException = null)
        : base(Format(filePath, entryName, lineNumber, problem), innerException)
    {
        FilePath = filePath;
        EntryName = entryName;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>Creates an exception with a plain message (no file known).</summary>
    public DataFileException()
        : this(string.Empty, null, null, "data file error")
    {
    }

    /// <summary>Creates an exception with a plain message (no file known).</summary>
    public DataFileException(string message)
        : this(string.Empty, null, null, message)
    {
    }

    /// <summary>Creates an exception with a plain message (no file known) and its cause.</summary>
    public DataFileException(string message, Exception innerException)
        : this(string.Empty, null, null, message, innerException)
    {
    }

    /// <summary>The file that failed, as given or as found in a folder.</summary>
    public string FilePath { get; }

    /// <summary>The entry inside a zip archive, if the file is one.</summary>
    public string? EntryName { get; }

    /// <summary>The 1-based line number of the offending line, or null when the problem is not on one line.</summary>
    public int? LineNumber { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string filePath, string? entryName, int? lineNumber, string problem)
    {
        var where = entryName is null ? filePath : $"{filePath}:{entryName}";
        if (lineNumber is { } line)
        {
            where += $" line {line}";
        }

        return where.Length == 0 ? problem : $"{where}: {problem}";
    }
}
