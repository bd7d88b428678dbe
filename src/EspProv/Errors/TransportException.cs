namespace EspProv.Errors;

/// <summary>The link to the device failed: unreachable, closed, timed out or answered garbage.</summary>
public sealed class TransportException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public TransportException(TransportFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>The kind of failure.</summary>
    public TransportFailure Failure { get; }

    /// <summary>The endpoint of the failed request, when known.</summary>
    public string? Endpoint { get; init; }
}
