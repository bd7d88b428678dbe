namespace EspProv.Cli.Output;

/// <summary>
/// stdout could not be written (a full disk, an I/O error; a closed pipe is not one: .NET ignores EPIPE on the console): exit 13, <c>output_failed</c>. Told apart from the
/// IOExceptions of a device's link, which are transport failures; the error line then goes to stderr.
/// </summary>
internal sealed class OutputFailedException(IOException innerException)
    : Exception($"Cannot write the output: {innerException.Message}", innerException);
