namespace EspProv.Errors;

/// <summary>
/// The secure session could not be established or broke: wrong proof of possession, wrong SRP
/// credentials, a device that failed to prove itself, a scheme mismatch, or a malformed handshake.
/// </summary>
public abstract class SessionException : ProvException
{
    /// <summary>Creates the exception.</summary>
    protected SessionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
