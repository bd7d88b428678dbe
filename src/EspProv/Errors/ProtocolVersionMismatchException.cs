namespace EspProv.Errors;

/// <summary>The device's protocol version differs from <c>--proto_ver</c>.</summary>
public sealed class ProtocolVersionMismatchException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public ProtocolVersionMismatchException(string expected, string? actual)
        : base($"Error in protocol version matching: expected '{expected}', the device reports '{actual ?? "(none)"}'.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The version asked for.</summary>
    public string Expected { get; }

    /// <summary>The device's version.</summary>
    public string? Actual { get; }
}
