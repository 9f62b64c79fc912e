using System.IO.Compression;

namespace Bourse.Data.Files;

/// <summary>
/// A data file read line by line as UTF-8 bytes, without a string per line (see <see cref="DataLineReader"/> for the
/// files it opens): for readers of large ASCII files such as LEAN ticks. Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>
/// (as <see cref="StreamReader.ReadLine()"/> splits them); a UTF-8 byte-order mark is skipped. Text in UTF-16 (a UTF-16
/// byte-order mark) is refused with a <see cref="DataFileException"/>: read it with <see cref="DataTextReader"/>.
/// </summary>
internal sealed class Utf8LineReader : DataLineReader
{
    private readonly Stream stream;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private bool ended;
    private bool started;

    private Utf8LineReader(string path, string? entryName, Stream stream, ZipArchive? archive)
        : base(path, entryName, archive)
    {
        this.stream = stream;
    }

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFileException">A zip is not valid or does not hold exactly one file.</exception>
    public static Utf8LineReader Open(string path)
    {
        var stream = OpenBytes(path, out var entryName, out var zip);
        return new Utf8LineReader(path, entryName, stream, zip);
    }

    /// <summary>Reads the next line (without its end-of-line); false at the end of the file.</summary>
    /// <param name="line">The line's bytes, valid until the next call.</param>
    /// <exception cref="DataFileException">The compressed data is corrupt, or the text is UTF-16.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = buffer.AsSpan(start, end - start);
            var at = pending.IndexOfAny((byte)'\n', (byte)'\r');
            if (at >= 0 && (pending[at] == '\n' || at + 1 < pending.Length || ended))
            {
                line = pending[..at];
                start += pending[at] == '\r' && at + 1 < pending.Length && pending[at + 1] == '\n' ? at + 2 : at + 1;
                LineNumber++;
                return true;
            }

            if (ended)
            {
                line = pending;
                start = end;
                if (pending.IsEmpty)
                {
                    return false;
                }

                LineNumber++;
                return true;
            }

            Fill();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stream.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Moves the unread bytes to the front (growing the buffer when a line fills it) and reads more.</summary>
    private void Fill()
    {
        var pending = end - start;
        if (pending == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        else if (start > 0)
        {
            buffer.AsSpan(start, pending).CopyTo(buffer);
        }

        (start, end) = (0, pending);
        do
        {
            int read;
            try
            {
                read = stream.Read(buffer, end, buffer.Length - end);
            }
            catch (InvalidDataException e)
            {
                throw new DataFileException(FilePath, EntryName, null, $"corrupt compressed data ({e.Message})", e);
            }

            end += read;
            ended = read == 0;
        }
        while (!started && !ended && end < 3); // the byte-order mark is looked for in the first three bytes

        if (!started)
        {
            started = true;
            SkipByteOrderMark();
        }
    }

    private void SkipByteOrderMark()
    {
        var head = buffer.AsSpan(0, end);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = 3;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw FileError("the text is UTF-16 (byte-order mark); this reader takes UTF-8 or ASCII");
        }
    }
}
