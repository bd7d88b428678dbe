using System.Globalization;
using EspProv.Cli.Output;

namespace EspProv.Cli.Commands.Batch;

/// <summary>Where a batch's report goes: <c>--report</c>, else next to the manifest, named with the start time.</summary>
internal static class ReportPath
{
    public static string For(string manifest, string? report, bool resume, DateTimeOffset now)
    {
        if (report is not null)
        {
            return Path.GetFullPath(report);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        var stem = Path.GetFileNameWithoutExtension(manifest);
        if (resume)
        {
            // The report written last is the run being resumed (a resumed run appends to its report).
            return Directory.EnumerateFiles(directory, $"{stem}.report-*.jsonl").MaxBy(File.GetLastWriteTimeUtc)
                ?? throw new UsageException($"--resume: no report of an earlier run next to the manifest ({stem}.report-*.jsonl); name one with --report.");
        }

        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{stem}.report-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.jsonl"));
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{stem}.report-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{n}.jsonl"));
        }

        return path;
    }
}
