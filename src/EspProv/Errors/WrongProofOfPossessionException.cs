namespace EspProv.Errors;

/// <summary>
/// Security 1: the proof of possession (PoP) differs between client and device. The device detects
/// this at SessionCommand1 and closes the link; the client reports it with this type.
/// </summary>
public sealed class WrongProofOfPossessionException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public WrongProofOfPossessionException(string? message = null, Exception? innerException = null)
        : base(message ?? "The device rejected the proof of possession (PoP): check it, or whether the device expects one at all.", innerException)
    {
    }
}
