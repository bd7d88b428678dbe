namespace EspProv.Errors;

/// <summary>
/// Security 2: the SRP6a client proof did not match, so the username or password is wrong
/// (the device cannot tell which; it only stores a salt and a verifier).
/// </summary>
public sealed class WrongSrpCredentialsException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public WrongSrpCredentialsException(string? message = null, Exception? innerException = null)
        : base(message ?? "The device rejected the SRP6a proof: the security 2 username or password is wrong.", innerException)
    {
    }
}
