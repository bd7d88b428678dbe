using EspProv.Flows.Batch;

namespace EspProv.Cli.Output;

/// <summary>Where <c>esp-prov batch</c> shows its run: people (a live table or lines) or programs (NDJSON).</summary>
internal interface IBatchOutput
{
    /// <summary>Runs the batch of <paramref name="devices"/> devices while showing it (a live table wraps the run).</summary>
    Task<BatchSummary> ShowAsync(int devices, Func<Task<BatchSummary>> run);

    /// <summary>A step of a device; called one at a time.</summary>
    void Progress(BatchEvent progress);

    /// <summary>A device is done; <paramref name="entry"/> is its report line.</summary>
    void Finished(BatchReportEntry entry);

    /// <summary>The end of the run.</summary>
    void Summary(BatchSummary summary, string report, int exitCode);

    /// <summary>The run could not start (a manifest error) or broke.</summary>
    void Failure(Exception exception, int exitCode, string errorCode);
}
