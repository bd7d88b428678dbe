using System.Text.Json;

namespace EspProv.Flows.Batch;

/// <summary>
/// Appends a batch report (JSON Lines), one entry at a time: each line goes out in one write and is forced to
/// the disk (fsync) before <see cref="Append"/> returns, so a crash loses no finished device. A line an earlier
/// run left unfinished (killed mid-write) is cut off first, so the file never holds a partial line mid-way.
/// </summary>
public sealed class BatchReportWriter : IDisposable
{
    // Device text stays readable (UTF-8 SSIDs) instead of \u-escaped; still valid JSON on one line.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream _file;

    /// <summary>Opens (creating if need be) the report at <paramref name="path"/> for appending.</summary>
    public BatchReportWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            _file.SetLength(CompleteLength(_file));
            _file.Seek(0, SeekOrigin.End);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <summary>The report's path.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="entry"/> as one line and flushes it to the disk.</summary>
    public void Append(BatchReportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = Serialize(entry);
        _file.Write(line);
        _file.Flush(flushToDisk: true);
    }

    /// <summary><paramref name="entry"/> as a report line, newline included.</summary>
    public static byte[] Serialize(BatchReportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            entry.WriteProperties(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    // The length up to and including the last newline.
    private static long CompleteLength(FileStream file)
    {
        var buffer = new byte[4096];
        for (var end = file.Length; end > 0;)
        {
            var start = Math.Max(0, end - buffer.Length);
            file.Seek(start, SeekOrigin.Begin);
            file.ReadExactly(buffer, 0, (int)(end - start));
            var newline = Array.LastIndexOf(buffer, (byte)'\n', (int)(end - start) - 1);
            if (newline >= 0)
            {
                return start + newline + 1;
            }

            end = start;
        }

        return 0;
    }
}
