using EspProv.Errors;
using EspProv.Flows;
using EspProv.Model;
using Spectre.Console;

namespace EspProv.Cli.Output;

/// <summary>Readable output: one line per step, traces with -v, a final summary or one error line.</summary>
internal sealed class HumanReporter(IAnsiConsole console, TextWriter errors, bool verbose, bool showSecrets) : IReporter
{
    public void Progress(ProvisioningProgress progress)
    {
        if (progress.Stage == ProvisioningStage.Warning)
        {
            // A warning is about the session's safety: stderr, where it survives redirecting stdout.
            errors.WriteLine($"esp-prov: warning: {TerminalText.Safe(progress.Message)}");
            return;
        }

        var mark = progress.Stage switch
        {
            ProvisioningStage.Done => "[green]✓[/]",
            ProvisioningStage.Retrying => "[yellow]![/]",
            ProvisioningStage.Status => "[grey]…[/]",
            _ => "[blue]•[/]",
        };
        console.MarkupLine($"{mark} {Markup.Escape(TerminalText.Safe(progress.Message))}");
    }

    public void Trace(ProvisioningTrace trace)
    {
        if (!verbose)
        {
            return;
        }

        var arrow = trace.Outgoing ? "->" : "<-";
        console.MarkupLine($"[grey]{arrow} {Markup.Escape(trace.Endpoint)} ({trace.Wire.Length} bytes) {Markup.Escape(TraceFormatter.Wire(trace, showSecrets))}[/]");
        if (TraceFormatter.Plaintext(trace, showSecrets) is { } plain)
        {
            console.MarkupLine($"[grey]   plaintext {Markup.Escape(plain)}[/]");
        }
    }

    public void Info(string message) => console.MarkupLine(Markup.Escape(TerminalText.Safe(message)));

    public void Success(ProvisioningResult result)
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
        else if (result.Control is { } control)
        {
            console.MarkupLine($"[green]==== {(control == "reset" ? (result.Device.IsThread ? "Thread reset" : "Wi-Fi reset") : "Reprovisioning")} done ====[/]");
        }
        else if (result.EndpointResponse is { } response)
        {
            console.WriteLine(Convert.ToHexStringLower(response));
        }
    }

    public void Failure(Exception exception, int exitCode, string errorCode)
    {
        var message = exception is ProvException or UsageException or OperationCanceledException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        if (ErrorHints.For(exception) is { } hint)
        {
            message = $"{message} {hint}";
        }

        // One plain line on stderr, never wrapped, so scripts and people both can read it; device text
        // inside the message is made safe, so line breaks become visible escapes.
        errors.WriteLine($"esp-prov: error ({errorCode}): {TerminalText.Safe(message.ReplaceLineEndings(" "))}");
    }
}
