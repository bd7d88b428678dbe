using System.Text.Json;

namespace EspProv.Flows.Batch;

/// <summary>
/// Appends a batch report (JSON Lines), one entry at a time: each line goes out in one write and is forced to
/// the disk (fsync) before <see cref="Append"/> returns, so a crash loses no finished device. A line an earlier
/// run left unfinished (killed mid-write) is cut off first, so the file never holds a partial line mid-way.
/// One writer at a time: it holds <c>REPORT.lock</c> next to the report (removed when it is disposed), and a
/// second writer gets <see cref="BatchReportInUseException"/>. Readers are not locked out.
/// </summary>
public sealed class BatchReportWriter : IDisposable
{
    // Device text stays readable (UTF-8 SSIDs) instead of \u-escaped; still valid JSON on one line.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // What FileShare.None meets when another handle holds the file: ERROR_SHARING_VIOLATION on Windows; on Unix,
    // where .NET takes flock(2), the errno EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
    private static readonly int HeldElsewhere = OperatingSystem.IsWindows() ? unchecked((int)0x80070020) : OperatingSystem.IsLinux() ? 11 : 35;

    private readonly Stream _file;
    private readonly FileStream? _lock;
    private readonly string? _lockPath;

    /// <summary>
    /// Opens (creating if need be) the report at <paramref name="path"/> for appending;
    /// <see cref="BatchReportInUseException"/> when another writer has it.
    /// </summary>
    public BatchReportWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;

        // A lock file rather than the report itself: an exclusive lock on the report (FileShare.None, flock
        // LOCK_EX on Unix) would also refuse the readers that watch it while the batch runs. Taken before the
        // report is touched, since cutting off an unfinished line is only safe when no one else is writing it.
        var lockPath = path + ".lock";
        _lockPath = lockPath;
        try
        {
            // Removed by hand while still held (see Dispose), not by FileOptions.DeleteOnClose.
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (ex.HResult == HeldElsewhere)
        {
            throw new BatchReportInUseException(path, lockPath, ex);
        }

        try
        {
            // Unbuffered: a line that failed to go out (disk full) must not linger in a buffer that the rewind
            // or the next line would flush after all.
            var created = !File.Exists(path);
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
            if (created)
            {
                // The report's name must be as durable as the lines fsync'd into it.
                DirectorySync.Flush(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            }
        }
        catch
        {
            ReleaseLock();
            throw;
        }

        try
        {
            _file.SetLength(CompleteLength(_file));
            _file.Seek(0, SeekOrigin.End);
        }
        catch
        {
            _file.Dispose();
            ReleaseLock();
            throw;
        }
    }

    // Tests stand in a stream that fails mid-write (a full disk cannot be arranged here).
    internal BatchReportWriter(string path, Stream stream)
    {
        Path = path;
        _file = stream;
    }

    /// <summary>The report's path.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="entry"/> as one line and flushes it to the disk; <see cref="BatchReportWriteException"/> when it cannot.</summary>
    public void Append(BatchReportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = Serialize(entry);
        var start = _file.Position;
        try
        {
            _file.Write(line);
            if (_file is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }
            else
            {
                _file.Flush();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Rewind(start);
            throw new BatchReportWriteException(Path, ex);
        }
    }

    // A line half written (the disk filled mid-way) must not stay in front of the next one.
    private void Rewind(long start)
    {
        try
        {
            _file.SetLength(start);
            _file.Seek(start, SeekOrigin.Begin);
        }
        catch (IOException)
        {
            // The reader skips an unfinished last line, and the next writer cuts it off.
        }
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
    public void Dispose()
    {
        _file.Dispose();
        ReleaseLock();
    }

    private void ReleaseLock()
    {
        if (_lock is null)
        {
            return;
        }

        // Removed while still held, so that no writer can take it in between and then lose it. A writer that
        // opened the file just before may still lock it once it is gone, beside one that creates a new file:
        // a race only between two runs that both start as a third ends. Windows keeps the file (it is open).
        try
        {
            File.Delete(_lockPath!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        _lock.Dispose();
    }

    // The length up to and including the last newline.
    private static long CompleteLength(Stream file)
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
