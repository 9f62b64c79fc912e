using System.IO.Compression;
using System.Text;

namespace Bourse.Data.Files;

/// <summary>
/// A text data file read line by line, streaming: plain text, gzip (<c>.gz</c>) or a zip archive (<c>.zip</c>) holding
/// exactly one file (LEAN's layout). A byte-order mark (UTF-8, UTF-16) is detected and skipped. Keeps the 1-based number
/// of the last line read so that readers report a malformed row with file, zip entry and line.
/// </summary>
internal sealed class DataTextReader : IDisposable
{
    private readonly StreamReader reader;
    private readonly ZipArchive? archive;

    private DataTextReader(string path, string? entryName, StreamReader reader, ZipArchive? archive)
    {
        FilePath = path;
        EntryName = entryName;
        this.reader = reader;
        this.archive = archive;
    }

    /// <summary>The file being read.</summary>
    public string FilePath { get; }

    /// <summary>The zip entry being read, or null.</summary>
    public string? EntryName { get; }

    /// <summary>The 1-based number of the last line returned by <see cref="ReadLine"/> (0 before the first).</summary>
    public int LineNumber { get; private set; }

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <param name="path">The file.</param>
    /// <param name="encoding">The text encoding when the file has no byte-order mark; UTF-8 when null.</param>
    /// <exception cref="DataFileException">A zip is not valid or does not hold exactly one file.</exception>
    public static DataTextReader Open(string path, Encoding? encoding = null)
    {
        encoding ??= Encoding.UTF8;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No file {path}.", path);
        }

        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            ZipArchive zip;
            try
            {
                zip = ZipFile.OpenRead(path);
            }
            catch (InvalidDataException e)
            {
                throw new DataFileException(path, null, null, $"not a valid zip archive ({e.Message})", e);
            }

            var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (entries.Count != 1)
            {
                zip.Dispose();
                throw new DataFileException(path, null, null, $"expected one CSV entry in the zip, found {entries.Count}");
            }

            try
            {
                return new DataTextReader(path, entries[0].FullName, new StreamReader(entries[0].Open(), encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), zip);
            }
            catch (InvalidDataException e)
            {
                zip.Dispose();
                throw new DataFileException(path, entries[0].FullName, null, $"corrupt zip entry ({e.Message})", e);
            }
        }

        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new DataTextReader(path, null, new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), null);
    }

    /// <summary>The next line (without its end-of-line), or null at the end of the file.</summary>
    /// <exception cref="DataFileException">The compressed data is corrupt.</exception>
    public string? ReadLine()
    {
        string? line;
        try
        {
            line = reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(FilePath, EntryName, null, $"corrupt compressed data ({e.Message})", e);
        }

        if (line is not null)
        {
            LineNumber++;
        }

        return line;
    }

    /// <summary>An error on the last line read.</summary>
    public DataFileException Error(string problem, Exception? inner = null) => new(FilePath, EntryName, LineNumber, problem, inner);

    /// <summary>An error about the whole file (no line).</summary>
    public DataFileException FileError(string problem) => new(FilePath, EntryName, null, problem);

    /// <inheritdoc />
    public void Dispose()
    {
        reader.Dispose();
        archive?.Dispose();
    }
}
