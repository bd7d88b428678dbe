namespace EspProv.Errors;

/// <summary>
/// Input needed to go on is missing and may not be asked for (non-interactive mode, or no terminal):
/// a PoP, an SRP username or password, an SSID or a passphrase.
/// </summary>
public sealed class MissingInputException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public MissingInputException(string message)
        : base(message)
    {
    }
}
