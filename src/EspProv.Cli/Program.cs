using EspProv.Cli.Commands;
using EspProv.Cli.Output;

var parse = RootCommandFactory.Create().Parse(args);
if (parse.Errors.Count > 0)
{
    // A malformed command line is a usage error (exit 2), reported like any other failure rather than
    // with System.CommandLine's exit 1 and help text on stdout (which would break --json's NDJSON).
    var error = new UsageException($"{string.Join(" ", parse.Errors.Select(e => e.Message))} (see esp-prov --help)");
    if (args.Contains("--json", StringComparer.Ordinal))
    {
        new JsonReporter(Console.Out, verbose: false, showSecrets: false).Failure(error, ExitCodes.Usage, "usage");
    }
    else
    {
        Console.Error.WriteLine($"esp-prov: error (usage): {error.Message.ReplaceLineEndings(" ")}");
    }

    return ExitCodes.Usage;
}

return await parse.InvokeAsync().ConfigureAwait(false);
