using System.IO.Compression;
using System.Text;

namespace Bourse.Data.Files;

/// <summary>
/// A text data file read line by line as strings (see <see cref="DataLineReader"/> for the files it opens). A byte-order
/// mark (UTF-8, UTF-16) is detected and skipped.
/// </summary>
internal sealed class DataTextReader : DataLineReader
{
    private readonly StreamReader reader;

    private DataTextReader(string path, string? entryName, StreamReader reader, ZipArchive? archive)
        : base(path, entryName, archive)
    {
        this.reader = reader;
    }

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <param name="path">The file.</param>
    /// <param name="encoding">The text encoding when the file has no byte-order mark; UTF-8 when null.</param>
    /// <exception cref="DataFileException">A zip is not valid or does not hold exactly one file.</exception>
    public static DataTextReader Open(string path, Encoding? encoding = null)
    {
        var stream = OpenBytes(path, out var entryName, out var zip);
        return new DataTextReader(path, entryName, new StreamReader(stream, encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), zip);
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

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            reader.Dispose();
        }

        base.Dispose(disposing);
    }
}
