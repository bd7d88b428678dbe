using System.Diagnostics;
using EspProv.Flows;
using EspProv.Flows.Batch;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EspProv.Cli.Output;

/// <summary>
/// <c>esp-prov batch</c> for people. On a terminal a live table: a row per device in flight with its step,
/// and the done / failed / remaining counts with the elapsed time. Elsewhere (a log file, CI) one line per
/// finished device and per retry. Either way a summary at the end, with a table of the failures and why.
/// </summary>
internal sealed class BatchHumanOutput(TextWriter output, TextWriter errors, bool terminal) : IBatchOutput
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly IAnsiConsole _console = OutputConsole.Create(output);
    private readonly Lock _state = new();
    private readonly Dictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);
    private readonly Stopwatch _elapsed = new();
    private int _total;
    private int _succeeded;
    private int _failed;
    private int _skipped;

    public async Task<BatchSummary> ShowAsync(int devices, Func<Task<BatchSummary>> run)
    {
        _total = devices;
        _elapsed.Start();
        if (!terminal)
        {
            return await run().ConfigureAwait(false);
        }

        BatchSummary? summary = null;
        await _console.Live(Render()).StartAsync(async live =>
        {
            var batch = run();
            while (!batch.IsCompleted)
            {
                await Task.WhenAny(batch, Task.Delay(RefreshInterval)).ConfigureAwait(false);
                live.UpdateTarget(Render());
            }

            summary = await batch.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return summary!;
    }

    public void Progress(BatchEvent progress)
    {
        lock (_state)
        {
            switch (progress)
            {
                case BatchDeviceStarted started:
                    _inFlight[started.Device.Name] = new InFlight(started.Device, started.Attempt, "connecting", Stopwatch.GetTimestamp());
                    break;
                case BatchDeviceProgress step when step.Event is not ProvisioningTrace && _inFlight.TryGetValue(step.Device.Name, out var device):
                    _inFlight[step.Device.Name] = device with { Step = step.Event.Message };
                    break;
                case BatchDeviceRetrying retrying when !terminal:
                    _console.MarkupLine($"[yellow]↻[/] {Name(retrying.Device.Name)}: attempt {retrying.Attempt} failed on the link ({Markup.Escape(TerminalText.Safe(retrying.Error.Message))}); trying again in {retrying.Delay.TotalSeconds:0.#} s");
                    break;
            }
        }
    }

    public void Finished(BatchReportEntry entry)
    {
        lock (_state)
        {
            _inFlight.Remove(entry.Name);
            string line;
            if (entry.Status == BatchReportEntry.Success)
            {
                _succeeded++;
                line = $"[green]✓[/] {Name(entry.Name)}: {Markup.Escape(TerminalText.Safe(entry.Message ?? "provisioned"))} ({Attempts(entry)})";
            }
            else if (entry.Status == BatchReportEntry.Skipped)
            {
                _skipped++;
                line = $"[grey]–[/] {Name(entry.Name)}: skipped, provisioned by an earlier run";
            }
            else
            {
                _failed++;
                line = $"[red]✗[/] {Name(entry.Name)}: {entry.Status} ({entry.Error}): {Markup.Escape(TerminalText.Safe(entry.Message ?? string.Empty))} ({Attempts(entry)})";
            }

            if (!terminal)
            {
                _console.MarkupLine(line);
            }
        }
    }

    public void Summary(BatchSummary summary, string report, int exitCode)
    {
        var failures = summary.Results.Where(r => r.Status is BatchDeviceStatus.Failed or BatchDeviceStatus.Cancelled).ToList();
        var colour = exitCode == ExitCodes.Success ? "green" : "red";
        _console.MarkupLine($"[{colour}]==== Batch: {summary.Results.Count} devices, {summary.Count(BatchDeviceStatus.Succeeded)} succeeded, {summary.Count(BatchDeviceStatus.Failed)} failed, "
            + $"{summary.Count(BatchDeviceStatus.Skipped)} skipped, {summary.Count(BatchDeviceStatus.Cancelled)} cancelled, {summary.Count(BatchDeviceStatus.NotStarted)} not started in {summary.Duration.TotalSeconds:0.0} s ====[/]");
        if (failures.Count > 0)
        {
            var table = new Table().AddColumns("Device", "Service", "Error", "Reason");
            foreach (var failure in failures)
            {
                var (_, error) = failure.Status == BatchDeviceStatus.Cancelled ? (ExitCodes.Cancelled, "cancelled") : ExitCodes.Classify(failure.Error!);
                table.AddRow(Name(failure.Device.Name), Markup.Escape(TerminalText.Safe(failure.Device.ServiceName ?? string.Empty)), error, Markup.Escape(TerminalText.Safe(failure.Error?.Message ?? string.Empty)));
            }

            _console.Write(table);
        }

        _console.MarkupLine($"Report: {Markup.Escape(TerminalText.Safe(report))}");
    }

    public void Failure(Exception exception, int exitCode, string errorCode) => errors.WriteLine(CommandOutcome.ErrorLine(exception, errorCode));

    private IRenderable Render()
    {
        lock (_state)
        {
            var table = new Table().AddColumns("Device", "Service", "Attempt", "Step", "Time");
            foreach (var device in _inFlight.Values.OrderBy(d => d.Since))
            {
                table.AddRow(
                    Name(device.Device.Name),
                    Markup.Escape(TerminalText.Safe(device.Device.ServiceName ?? string.Empty)),
                    device.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(TerminalText.Safe(device.Step)),
                    $"{Stopwatch.GetElapsedTime(device.Since).TotalSeconds:0.0} s");
            }

            var remaining = Math.Max(0, _total - _succeeded - _failed - _skipped - _inFlight.Count);
            // A line of its own, not the table's caption, which would wrap at the table's width.
            return new Rows(new Markup($"[green]{_succeeded} done[/] · [red]{_failed} failed[/] · {_inFlight.Count} in flight · {remaining} waiting · {_elapsed.Elapsed:mm\\:ss}"), table);
        }
    }

    private static string Name(string name) => $"[bold]{Markup.Escape(TerminalText.Safe(name))}[/]";

    private static string Attempts(BatchReportEntry entry) => $"{entry.Attempts} attempt{(entry.Attempts == 1 ? string.Empty : "s")}, {(entry.EndedAt - entry.StartedAt).TotalSeconds:0.0} s";

    private sealed record InFlight(BatchDevice Device, int Attempt, string Step, long Since);
}
