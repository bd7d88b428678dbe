namespace EspProv.Errors;

/// <summary>
/// An encrypted message failed authentication (security 2 GCM tag), was replayed, or arrived before
/// the secure session was established. The session is broken for good after this.
/// </summary>
public sealed class DecryptionFailedException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public DecryptionFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
