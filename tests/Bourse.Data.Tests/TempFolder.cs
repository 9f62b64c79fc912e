using System.IO.Compression;
using System.Text;

namespace Bourse.Data.Tests;

/// <summary>A temporary folder deleted on dispose, with helpers to write CSV files and LEAN zips.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bourse-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string WriteText(string relativePath, string content)
    {
        var file = Full(relativePath);
        File.WriteAllText(file, content, new UTF8Encoding(false));
        return file;
    }

    /// <summary>Writes a zip holding one entry with <paramref name="content"/>.</summary>
    public string WriteZip(string relativePath, string entryName, string content)
    {
        var file = Full(relativePath);
        using var zip = ZipFile.Open(file, ZipArchiveMode.Create);
        var entry = zip.CreateEntry(entryName);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Full(string relativePath)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        return file;
    }
}
