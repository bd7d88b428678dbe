using System.Text.Json;

namespace EspProv.Cli.Tests.Support;

/// <summary>A temporary directory holding a batch's manifest and report.</summary>
internal sealed class BatchWorkspace : IDisposable
{
    private static readonly TimeSpan ReportBound = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("esp-prov-batch-");

    public string Directory => _directory.FullName;

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Writes <paramref name="name"/> with <paramref name="lines"/> (newline-terminated) and returns its path.</summary>
    public string Write(string name, params string[] lines)
    {
        var path = Path(name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        return path;
    }

    /// <summary>The one report the runs wrote next to the manifest (default naming), or null before there is one.</summary>
    public string? DefaultReport(string manifestStem) => System.IO.Directory.GetFiles(Directory, $"{manifestStem}.report-*.jsonl") switch
    {
        [] => null,
        [var one] => one,
        var many => throw new InvalidOperationException($"{many.Length} reports: {string.Join(", ", many)}"),
    };

    /// <summary>
    /// The report's lines, each asserted to be a whole JSON object: the text must end with a newline, so no line
    /// is half-written.
    /// </summary>
    public static IReadOnlyList<JsonElement> ReportLines(string path)
    {
        var text = File.ReadAllText(path);
        Assert.True(text.Length == 0 || text.EndsWith('\n'), $"the report ends in a partial line:\n{text}");
        return text.Length == 0 ? [] : CliResult.ParseJsonLines(text);
    }

    /// <summary>Waits (bounded, polling the file) until the report holds at least <paramref name="count"/> complete lines.</summary>
    public static async Task WaitForLinesAsync(Func<string?> path, int count, CliProcess process)
    {
        using var bound = new CancellationTokenSource(ReportBound);
        while (path() is not { } found || CompleteLines(found) < count)
        {
            if (bound.IsCancellationRequested)
            {
                Assert.Fail($"the report has fewer than {count} lines after {ReportBound.TotalSeconds} s\n--- stdout ---\n{process.StdoutSoFar}\n--- stderr ---\n{process.StderrSoFar}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
    }

    public static Dictionary<string, JsonElement> ByName(IEnumerable<JsonElement> lines) =>
        lines.ToDictionary(l => l.GetProperty("name").GetString()!, StringComparer.Ordinal);

    public void Dispose() => _directory.Delete(recursive: true);

    private static int CompleteLines(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var count = 0;
            int b;
            while ((b = stream.ReadByte()) >= 0)
            {
                count += b == '\n' ? 1 : 0;
            }

            return count;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }
}
