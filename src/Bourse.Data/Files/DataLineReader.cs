using System.IO.Compression;

namespace Bourse.Data.Files;

/// <summary>
/// A data file read line by line, streaming: plain text, gzip (<c>.gz</c>) or a zip archive (<c>.zip</c>) holding exactly
/// one file (LEAN's layout). Keeps the 1-based number of the last line read so that readers report a malformed row with
/// file, zip entry and line. <see cref="DataTextReader"/> gives lines as strings, <see cref="Utf8LineReader"/> as UTF-8 bytes.
/// </summary>
internal abstract class DataLineReader : IDisposable
{
    private readonly ZipArchive? archive;

    /// <param name="path">The file.</param>
    /// <param name="entryName">The zip entry read, or null.</param>
    /// <param name="archive">The zip archive to dispose with the reader, or null.</param>
    protected DataLineReader(string path, string? entryName, ZipArchive? archive)
    {
        FilePath = path;
        EntryName = entryName;
        this.archive = archive;
    }

    /// <summary>The file being read.</summary>
    public string FilePath { get; }

    /// <summary>The zip entry being read, or null.</summary>
    public string? EntryName { get; }

    /// <summary>The 1-based number of the last line read (0 before the first).</summary>
    public int LineNumber { get; protected set; }

    /// <summary>An error on the last line read.</summary>
    public DataFileException Error(string problem, Exception? inner = null) => new(FilePath, EntryName, LineNumber, problem, inner);

    /// <summary>An error about the whole file (no line).</summary>
    public DataFileException FileError(string problem) => new(FilePath, EntryName, null, problem);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens the bytes of <paramref name="path"/>: the file, its gzip content, or the one file of a zip.</summary>
    /// <param name="path">The file.</param>
    /// <param name="entryName">The zip entry opened, or null.</param>
    /// <param name="zip">The open archive (the caller disposes it), or null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFileException">A zip is not valid or does not hold exactly one file.</exception>
    protected static Stream OpenBytes(string path, out string? entryName, out ZipArchive? zip)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No file {path}.", path);
        }

        entryName = null;
        zip = null;
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            ZipArchive archive;
            try
            {
                archive = ZipFile.OpenRead(path);
            }
            catch (InvalidDataException e)
            {
                throw new DataFileException(path, null, null, $"not a valid zip archive ({e.Message})", e);
            }

            var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (entries.Count != 1)
            {
                archive.Dispose();
                throw new DataFileException(path, null, null, $"expected one CSV entry in the zip, found {entries.Count}");
            }

            try
            {
                var stream = entries[0].Open();
                (entryName, zip) = (entries[0].FullName, archive);
                return stream;
            }
            catch (InvalidDataException e)
            {
                archive.Dispose();
                throw new DataFileException(path, entries[0].FullName, null, $"corrupt zip entry ({e.Message})", e);
            }
        }

        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Disposes the reader's stream (<paramref name="disposing"/> true) and the archive.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            archive?.Dispose();
        }
    }
}
