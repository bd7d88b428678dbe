using System.CommandLine;
using System.Runtime.InteropServices;
using EspProv.Cli;
using EspProv.Cli.Commands;
using EspProv.Cli.Output;

FileDescriptorLimit.Raise();
var streams = StandardStreams.Process;
var parse = RootCommandFactory.Create(streams).Parse(args);
if (parse.Errors.Count > 0)
{
    // A malformed command line is a usage error (exit 2), reported like any other failure rather than
    // with System.CommandLine's exit 1 and help text on stdout (which would break --json's NDJSON).
    var error = new UsageException($"{string.Join(" ", parse.Errors.Select(e => ParseErrors.InPlainWords(e.Message)))} (see esp-prov --help)");
    if (args.Contains("--json", StringComparer.Ordinal))
    {
        new JsonReporter(streams.Out, verbose: false, showSecrets: false).Failure(error, ExitCodes.Usage, "usage");
    }
    else
    {
        streams.Error.WriteLine(CommandOutcome.ErrorLine(error, "usage"));
    }

    return ExitCodes.Usage;
}

// Ctrl+C (SIGINT) cancels the run, which then ends with its own result (exit 130, JSON "cancelled") instead of
// dying by the signal with no result line; a second Ctrl+C is left to the default action, for a run that hangs.
using var interrupt = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    if (!interrupt.IsCancellationRequested)
    {
        context.Cancel = true;
        interrupt.Cancel();
    }
});
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupt.Token).ConfigureAwait(false);
