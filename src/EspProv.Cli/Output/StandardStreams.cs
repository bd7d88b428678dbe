namespace EspProv.Cli.Output;

/// <summary>
/// The process's standard streams, handed to the commands by Program.cs so that nothing below the
/// output layer reaches for the static <see cref="Console"/>: a command writes where it is told.
/// </summary>
internal sealed record StandardStreams(TextReader In, TextWriter Out, TextWriter Error, bool InputRedirected, bool OutputRedirected)
{
    public static StandardStreams Process { get; } = new(Console.In, new GuardedWriter(Console.Out), Console.Error, Console.IsInputRedirected, Console.IsOutputRedirected);

    /// <summary>Raw standard input, for secrets piped in (<c>--passphrase-file -</c>).</summary>
    public static Stream OpenInput() => Console.OpenStandardInput();
}
