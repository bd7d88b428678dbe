namespace EspProv.Cli.Output;

/// <summary>The command line is wrong (conflicting or malformed flags).</summary>
internal sealed class UsageException(string message, Exception? innerException = null) : Exception(message, innerException);
