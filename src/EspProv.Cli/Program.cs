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
    return CommandOutcome.Fail(
        error,
        args.Contains("--json", StringComparer.Ordinal) ? new JsonReporter(streams.Out, verbose: false, showSecrets: false).Failure : CommandOutcome.ToStandardError,
        CancellationToken.None);
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
try
{
    // Help and --version write to Output: stdout's guard applies there too. The commands classify their own
    // failures (CommandOutcome); what gets here is help that could not be written, or a bug.
    return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, Output = streams.Out, EnableDefaultExceptionHandler = false }, interrupt.Token).ConfigureAwait(false);
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    return CommandOutcome.Fail(ex, CommandOutcome.ToStandardError, interrupt.Token);
}
