using EspProv.Errors;
using EspProv.Flows;
using EspProv.Model;
using EspProv.Transport.Ble;
using EspProv.Wifi.NetworkManager;
using Spectre.Console;

namespace EspProv.Cli.Output;

/// <summary>Readable output: one line per step, traces with -v, a final summary or one error line.</summary>
/// <param name="output">Where people read the run.</param>
/// <param name="errors">Where warnings and the error line go.</param>
/// <param name="verbose">Show wire traces.</param>
/// <param name="showSecrets">Show secrets in traces.</param>
/// <param name="showScans">Print scan results as they come (when no prompt shows them for a choice).</param>
/// <param name="updateInPlace">A terminal: successive status polls rewrite one line instead of adding lines.</param>
internal sealed class HumanReporter(TextWriter output, TextWriter errors, bool verbose, bool showSecrets, bool showScans, bool updateInPlace = false) : IReporter
{
    private readonly IAnsiConsole console = OutputConsole.Create(output);
    private int _statusLineLength = -1;

    public void Progress(ProvisioningEvent progress)
    {
        if (progress is StatusPolled polled && updateInPlace)
        {
            // One "Connecting…" line that keeps its place, padded so a shorter text hides the longer one
            // before it; written raw, since Spectre turns a carriage return into a line break.
            var text = $"… {TerminalText.Safe(polled.Message)}";
            output.Write($"\r{text.PadRight(Math.Max(_statusLineLength, 0))}");
            output.Flush();
            _statusLineLength = text.Length;
            return;
        }

        switch (progress)
        {
            case ProvisioningTrace trace:
                Trace(trace);
                return;
            case NetworkJoined:
                // The success summary says it once, with the details.
                return;
            case SecurityWarning warning:
                EndStatusLine();
                // A warning is about the session's safety: stderr, where it survives redirecting stdout.
                errors.WriteLine($"esp-prov: warning: {TerminalText.Safe(warning.Message)}");
                return;
        }

        EndStatusLine();
        if (progress is ScanCompleted scan && showScans)
        {
            console.MarkupLine($"[blue]•[/] {Markup.Escape(scan.Message)}");
            WriteScan(scan.AccessPoints, scan.ThreadNetworks);
            return;
        }

        var mark = progress switch
        {
            Retrying => "[yellow]![/]",
            StatusPolled => "[grey]…[/]",
            _ => "[blue]•[/]",
        };
        console.MarkupLine($"{mark} {Markup.Escape(TerminalText.Safe(progress.Message))}");
    }

    private void EndStatusLine()
    {
        if (_statusLineLength >= 0)
        {
            output.WriteLine();
            _statusLineLength = -1;
        }
    }

    private void Trace(ProvisioningTrace trace)
    {
        if (!verbose)
        {
            return;
        }

        EndStatusLine();
        console.MarkupLine($"[grey]{Markup.Escape(TerminalText.Safe(trace.Message))} {Markup.Escape(TraceFormatter.Wire(trace, showSecrets))}[/]");
        if (TraceFormatter.Plaintext(trace, showSecrets) is { } plain)
        {
            console.MarkupLine($"[grey]   plaintext {Markup.Escape(plain)}[/]");
        }
    }

    public void Info(string message)
    {
        EndStatusLine();
        console.MarkupLine(Markup.Escape(TerminalText.Safe(message)));
    }

    public void Success(OperationResult result)
    {
        EndStatusLine();
        switch (result)
        {
            case ProvisioningResult provisioned:
                Provisioned(provisioned);
                break;
            case ControlResult control:
                console.MarkupLine($"[green]==== {(control.Command == ControlCommand.Reset ? (result.Device.IsThread ? "Thread reset" : "Wi-Fi reset") : "Reprovisioning")} done ====[/]");
                break;
            case EndpointResult endpoint:
                console.WriteLine(Convert.ToHexStringLower(endpoint.Response));
                break;
            case ScanResult scan when !showScans:
                WriteScan(scan.AccessPoints, scan.ThreadNetworks);
                break;
        }
    }

    private void WriteScan(IReadOnlyList<WifiAccessPoint> accessPoints, IReadOnlyList<ThreadNetwork> networks)
    {
        if (accessPoints.Count > 0)
        {
            console.Write(ScanTable.ForWifi(accessPoints));
        }

        if (networks.Count > 0)
        {
            console.Write(ScanTable.ForThread(networks));
        }
    }

    public void Devices(IReadOnlyList<BleDeviceInfo> devices)
    {
        if (devices.Count == 0)
        {
            console.MarkupLine("No devices found!");
            return;
        }

        console.Write(ScanTable.ForBleDevices(devices));
    }

    public void SoftAp(SoftApEvent step)
    {
        EndStatusLine();
        if (step is ConnectionRestoreFailed)
        {
            // The user's network is not back: stderr, where it survives redirecting stdout.
            errors.WriteLine($"esp-prov: warning: {TerminalText.Safe(step.Message)}");
            return;
        }

        console.MarkupLine($"[blue]•[/] {Markup.Escape(TerminalText.Safe(step.Message))}");
    }

    public void AccessPoints(IReadOnlyList<SoftApInfo> accessPoints)
    {
        if (accessPoints.Count == 0)
        {
            console.MarkupLine("No access points found!");
            return;
        }

        console.Write(ScanTable.ForSoftAps(accessPoints));
    }

    // esp_prov's exact text, so it goes out unformatted.
    public void Credentials(string username, EspProv.Security.Sec2Credentials credentials) => output.Write(credentials.ToCArrays());

    private void Provisioned(ProvisioningResult result)
    {
        if (result.Wifi is { } wifi)
        {
            console.MarkupLine($"[green]==== Provisioning was successful ====[/]");
            console.MarkupLine($"Connected to [bold]{Markup.Escape(TerminalText.Safe(wifi.SsidText))}[/] (BSSID {wifi.BssidText}, channel {wifi.Channel}, {AuthModeNames.Of(wifi.Auth)}); device IP [bold]{Markup.Escape(TerminalText.Safe(wifi.Ip4))}[/]");
        }
        else if (result.Thread is { } thread)
        {
            console.MarkupLine($"[green]==== Provisioning was successful ====[/]");
            console.MarkupLine($"Attached to Thread network [bold]{Markup.Escape(TerminalText.Safe(thread.NetworkName))}[/] (PAN 0x{thread.PanId:x4}, channel {thread.Channel})");
        }
    }

    public void Failure(Exception exception, int exitCode, string errorCode)
    {
        EndStatusLine();
        // One plain line on stderr, never wrapped, so scripts and people both can read it; device text
        // inside the message is made safe, so line breaks become visible escapes.
        errors.WriteLine(CommandOutcome.ErrorLine(exception, errorCode));
    }
}
