namespace EspProv.Flows.Batch;

/// <summary>
/// The batch report could not be written (disk full, file removed, permissions changed mid-run). The batch stops:
/// going on would provision devices whose results could be lost. Lines written before are intact, and a line that
/// was only partly written is cut off again where that is still possible.
/// </summary>
public sealed class BatchReportWriteException : IOException
{
    /// <summary>Creates the exception for the report at <paramref name="path"/>.</summary>
    public BatchReportWriteException(string path, Exception innerException)
        : base($"Cannot write the batch report {path}: {innerException.Message}", innerException)
    {
        Path = path;
    }

    /// <summary>The report's path.</summary>
    public string Path { get; }
}
