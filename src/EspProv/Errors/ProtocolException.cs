namespace EspProv.Errors;

/// <summary>
/// The device answered with a decodable but unexpected application message (wrong message type,
/// missing payload, undecodable protobuf after decryption).
/// </summary>
public sealed class ProtocolException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public ProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
