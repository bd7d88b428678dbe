using System.Text;
using System.Text.Json;

namespace EspProv.Flows.Batch;

/// <summary>Reads a batch report back, for resuming: the latest status of each device.</summary>
public static class BatchReportReader
{
    /// <summary>
    /// The <c>status</c> of each device's latest line. An unfinished last line (a run killed mid-write) is
    /// ignored; any other line that is not a report entry is a <see cref="FormatException"/> naming its line.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LatestStatus(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = File.ReadAllText(path, new UTF8Encoding(false, true));
        var lines = text.Split('\n');
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);

        // After the last newline is either nothing or an unfinished line.
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
