using System.Text;
using System.Text.Json;

namespace EspProv.Flows.Batch;

/// <summary>Reads a batch report back, for resuming: the latest status of each device.</summary>
public static class BatchReportReader
{
    /// <summary>
    /// The <c>status</c> of each device's latest line. An unfinished last line (a run killed mid-write) is
    /// ignored; any other line that is not a report entry is a <see cref="FormatException"/> naming its line,
    /// and text that is not UTF-8 a <see cref="DecoderFallbackException"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LatestStatus(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;

        // A writer may be appending (or have the file open): share it, as the writer shares it with readers.
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }

        // After the last newline is either nothing or an unfinished line, which may end inside a character:
        // cut it off before decoding, which is strict for the rest.
        var complete = bytes.AsSpan(0, bytes.AsSpan().LastIndexOf((byte)'\n') + 1);
        if (complete.StartsWith(Encoding.UTF8.Preamble))
        {
            complete = complete[Encoding.UTF8.Preamble.Length..]; // a report saved by an editor
        }

        var lines = new UTF8Encoding(false, true).GetString(complete).Split('\n');
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                var root = document.RootElement;
                var name = root.GetProperty("name").GetString();
                var status = root.GetProperty("status").GetString();
                if (name is null || status is null)
                {
                    throw new FormatException("name and status must be strings");
                }

                latest[name] = status;
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{path}, line {i + 1}: not a batch report entry ({ex.Message}).", ex);
            }
        }

        return latest;
    }
}
