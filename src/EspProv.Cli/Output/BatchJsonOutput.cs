using EspProv.Flows.Batch;

namespace EspProv.Cli.Output;

/// <summary>
/// <c>esp-prov batch --json</c>: each device's events as the single-device <c>--json</c> writes them, tagged
/// with <c>"device"</c>; a <c>device</c> object per finished device (its report line); a final <c>result</c>
/// object with the counts.
/// </summary>
internal sealed class BatchJsonOutput(TextWriter output) : IBatchOutput
{
    private readonly JsonReporter _untagged = new(output, verbose: false, showSecrets: false);
    private readonly Dictionary<string, JsonReporter> _tagged = new(StringComparer.Ordinal);

    public Task<BatchSummary> ShowAsync(int devices, Func<Task<BatchSummary>> run) => run();

    public void Progress(BatchEvent progress)
    {
        var device = For(progress.Device);
        switch (progress)
        {
            case BatchDeviceStarted started:
                device.Write(w =>
                {
                    w.WriteString("event", "device_started");
                    w.WriteNumber("attempt", started.Attempt);
                });
                break;
            case BatchDeviceProgress step:
                device.Progress(step.Event);
                break;
            case BatchDeviceRetrying retrying:
                device.Write(w =>
                {
                    w.WriteString("event", "retrying");
                    w.WriteNumber("attempt", retrying.Attempt);
                    w.WriteString("error", ExitCodes.Classify(retrying.Error).Error);
                    w.WriteString("message", retrying.Error.Message);
                    w.WriteNumber("delay_s", retrying.Delay.TotalSeconds);
                });
                break;
        }
    }

    public void Finished(BatchReportEntry entry) => _untagged.Write(w =>
    {
        w.WriteString("event", "device");
        // The same tag as the device's other events, so that one filter (jq 'select(.device == "kitchen")') finds its end too.
        w.WriteString("device", entry.Name);
        entry.WriteProperties(w);
    });

    public void Summary(BatchSummary summary, string report, int exitCode) => _untagged.Write(w =>
    {
        w.WriteString("event", "result");
        w.WriteString("status", exitCode switch { ExitCodes.Success => "success", ExitCodes.Cancelled => "cancelled", _ => "failed" });
        if (exitCode == ExitCodes.BatchFailed)
        {
            w.WriteString("error", "batch_failed");
        }

        w.WriteNumber("exit_code", exitCode);
        w.WriteNumber("total", summary.Results.Count);
        w.WriteNumber("succeeded", summary.Count(BatchDeviceStatus.Succeeded));
        w.WriteNumber("failed", summary.Count(BatchDeviceStatus.Failed));
        w.WriteNumber("skipped", summary.Count(BatchDeviceStatus.Skipped));
        w.WriteNumber("cancelled", summary.Count(BatchDeviceStatus.Cancelled));
        w.WriteNumber("not_started", summary.Count(BatchDeviceStatus.NotStarted));
        w.WriteNumber("duration_s", Math.Round(summary.Duration.TotalSeconds, 3));
        w.WriteString("report", report);
    });

    public void Failure(Exception exception, int exitCode, string errorCode) => _untagged.Failure(exception, exitCode, errorCode);

    private JsonReporter For(BatchDevice device)
    {
        if (!_tagged.TryGetValue(device.Name, out var reporter))
        {
            reporter = new JsonReporter(output, verbose: false, showSecrets: false, device.Name);
            _tagged[device.Name] = reporter;
        }

        return reporter;
    }
}
