namespace EspProv.Cli.Output;

/// <summary>
/// The one path from a command's failure to its exit code, for every command: the exception is
/// classified once (<see cref="ExitCodes.Classify"/>), reported once, and Ctrl+C is exit 130 everywhere.
/// </summary>
internal static class CommandOutcome
{
    public static async Task<int> RunAsync(Func<Task<int>> body, Action<Exception, int, string> report, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Fail(ex, report, cancellationToken);
        }
    }

    /// <summary>Classifies and reports <paramref name="exception"/> once; returns its exit code.</summary>
    public static int Fail(Exception exception, Action<Exception, int, string> report, CancellationToken cancellationToken)
    {
        var (code, error) = ExitCodes.Classify(exception);

        // Whatever was waiting when Ctrl+C came says "a task was canceled"; say what happened instead.
        var shown = code == ExitCodes.Cancelled && cancellationToken.IsCancellationRequested ? new OperationCanceledException("Cancelled (Ctrl+C).", exception) : exception;
        try
        {
            report(shown, code, error);
        }
        catch (Exception ex) when (ex is OutputFailedException or IOException)
        {
            // The reporter's stream is what failed (stdout to a full disk, with --json): the error
            // still gets its one line, on stderr, and the exit code stands.
            try
            {
                ToStandardError(shown, code, error);
            }
            catch (IOException)
            {
            }
        }

        return code;
    }

    /// <summary>One plain line on stderr, for commands without a reporter of their own.</summary>
    public static void ToStandardError(Exception exception, int exitCode, string errorCode) => Console.Error.WriteLine(ErrorLine(exception, errorCode));

    /// <summary><c>esp-prov: error (code): message hint</c>, on one line and safe for a terminal.</summary>
    public static string ErrorLine(Exception exception, string errorCode)
    {
        // Only an error nobody foresaw (exit 1) names its type: for the rest the code says what kind it is.
        var message = errorCode == "internal" ? $"{exception.GetType().Name}: {exception.Message}" : exception.Message;
        if (ErrorHints.For(exception) is { } hint)
        {
            message = $"{message} {hint}";
        }

        return $"esp-prov: error ({errorCode}): {TerminalText.Safe(message.ReplaceLineEndings(" "))}";
    }
}
