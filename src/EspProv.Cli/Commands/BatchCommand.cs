using System.CommandLine;
using EspProv.Cli.Commands.Batch;
using EspProv.Cli.Output;
using EspProv.Flows;
using EspProv.Flows.Batch;

namespace EspProv.Cli.Commands;

/// <summary><c>esp-prov batch MANIFEST</c>: provisions every device a manifest lists, several at a time, reporting each as it finishes.</summary>
internal sealed class BatchCommand(BatchOptionSet options, ParseResult parse, StandardStreams streams)
{
    private const int MaxConcurrency = 256;
    private const int MaxRetries = 100;

    public static Command Create(StandardStreams streams)
    {
        var options = new BatchOptionSet();
        var command = new Command("batch", "Provision every device a manifest (CSV or JSON Lines) lists, several at a time; each finished device is written to a JSON Lines report at once. The provisioning flags below are the defaults for cells a row leaves empty.");
        command.Arguments.Add(options.Manifest);
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => new BatchCommand(options, parse, streams).RunAsync(cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        IBatchOutput output = parse.GetValue(options.Provisioning.Json)
            ? new BatchJsonOutput(streams.Out)
            : new BatchHumanOutput(streams.Out, streams.Error, terminal: !streams.OutputRedirected);
        return await CommandOutcome.RunAsync(() => RunAsync(output, cancellationToken), output.Failure, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RunAsync(IBatchOutput output, CancellationToken cancellationToken)
    {
        var concurrency = parse.GetValue(options.Concurrency) is var c and >= 1 and <= MaxConcurrency ? c : throw new UsageException($"--concurrency takes 1 to {MaxConcurrency}.");
        var bleConcurrency = parse.GetValue(options.BleConcurrency) is var b and >= 1 and <= MaxConcurrency ? b : throw new UsageException($"--ble-concurrency takes 1 to {MaxConcurrency}.");
        var retries = parse.GetValue(options.Retries) is var r and >= 0 and <= MaxRetries ? r : throw new UsageException($"--retries takes 0 to {MaxRetries}.");
        var manifest = parse.GetValue(options.Manifest) ?? throw new UsageException("esp-prov batch needs the MANIFEST: a CSV or JSON Lines file listing the devices (see esp-prov batch --help).");
        var rows = ManifestReader.Read(manifest, ManifestReader.FormatOf(manifest, parse.GetValue(options.Format)));
        var devices = new ManifestResolver(manifest, parse, options).Resolve(rows);

        var resume = parse.GetValue(options.Resume);
        var reportPath = ReportPath.For(manifest, parse.GetValue(options.Report), resume, DateTimeOffset.UtcNow);
        var resuming = resume && File.Exists(reportPath);

        // Read under the report's lock: a run still writing it would provision the devices it has not yet reported.
        using var report = OpenReport(reportPath);
        var done = resuming ? Succeeded(reportPath) : new HashSet<string>(StringComparer.Ordinal);

        var settings = devices.ToDictionary(d => d.Device.Name, d => d.Settings, StringComparer.Ordinal);
        // The transports' own progress lines ("Connecting to …") are not shown for each device of a batch.
        var provisioner = new BatchProvisioner(
            (device, ct) => TransportFactory.CreateAsync(settings[device.Name], streams, static _ => { }, interactiveConsole: null, onConsoleFallback: null, ct),
            new BatchOptions { Concurrency = concurrency, GroupConcurrency = bleConcurrency, Retries = retries, Skip = done });
        provisioner.Progress += progress =>
        {
            if (progress is not BatchDeviceFinished finished)
            {
                output.Progress(progress);
                return;
            }

            var entry = Entry(finished.Result);
            if (finished.Result.Status is BatchDeviceStatus.Succeeded or BatchDeviceStatus.Failed or BatchDeviceStatus.Cancelled)
            {
                report.Append(entry);
            }

            output.Finished(entry);
        };

        var summary = await output.ShowAsync(devices.Count, () => provisioner.RunAsync([.. devices.Select(d => d.Device)], cancellationToken)).ConfigureAwait(false);
        var exitCode = cancellationToken.IsCancellationRequested ? ExitCodes.Cancelled
            : summary.AllSucceeded ? ExitCodes.Success
            : ExitCodes.BatchFailed;
        output.Summary(summary, reportPath, exitCode);
        return exitCode;
    }

    private static BatchReportEntry Entry(BatchDeviceResult result)
    {
        if (result.Status == BatchDeviceStatus.Cancelled)
        {
            // Whatever was waiting when the batch stopped says "a task was canceled"; say why it stopped.
            if (result.StoppedBy is not { } stoppedBy)
            {
                return BatchReportEntry.From(result, "cancelled", ExitCodes.Cancelled) with { Message = "Cancelled (Ctrl+C) while in flight." };
            }

            var (stopCode, stopError) = ExitCodes.Classify(stoppedBy);
            return BatchReportEntry.From(result, stopError, stopCode) with { Message = $"Stopped while in flight: {stoppedBy.Message}" };
        }

        var (exitCode, error) = result.Error is { } e ? ExitCodes.Classify(e) : (ExitCodes.Success, null);
        return BatchReportEntry.From(result, error, exitCode);
    }

    private static HashSet<string> Succeeded(string reportPath)
    {
        try
        {
            return BatchReportReader.LatestStatus(reportPath).Where(s => s.Value == BatchReportEntry.Success).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            throw new UsageException($"--resume: cannot read the report: {ex.Message}", ex);
        }
    }

    private static BatchReportWriter OpenReport(string path)
    {
        try
        {
            return new BatchReportWriter(path);
        }
        catch (BatchReportInUseException ex)
        {
            throw new UsageException($"The report {path} is being written by another esp-prov batch (it holds {Path.GetFileName(ex.LockPath)}); wait for that run to end, or give another --report.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write the report {path}: {ex.Message}", ex);
        }
    }
}
