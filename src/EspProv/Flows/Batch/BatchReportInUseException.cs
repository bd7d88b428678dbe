namespace EspProv.Flows.Batch;

/// <summary>
/// Another writer (a second <c>esp-prov batch --resume</c> on the same report) holds the report's lock file: two
/// writers would cut off each other's unfinished lines and provision the same devices twice. Readers are not
/// refused.
/// </summary>
public sealed class BatchReportInUseException : IOException
{
    /// <summary>Creates the exception for the report at <paramref name="path"/>, locked through <paramref name="lockPath"/>.</summary>
    public BatchReportInUseException(string path, string lockPath, Exception innerException)
        : base($"The batch report {path} is being written by another run (it holds {lockPath}); wait for it to end.", innerException)
    {
        Path = path;
        LockPath = lockPath;
    }

    /// <summary>The report's path.</summary>
    public string Path { get; }

    /// <summary>The lock file next to the report.</summary>
    public string LockPath { get; }
}
