namespace EspProv.Errors;

/// <summary>
/// Input needed to go on is missing and may not be asked for (non-interactive mode, or no terminal),
/// or what was typed could not be used.
/// </summary>
public sealed class MissingInputException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public MissingInputException(MissingInput what, string message)
        : base(message)
    {
        What = what;
    }

    /// <summary>Which input.</summary>
    public MissingInput What { get; }
}

/// <summary>The inputs an operation may need from its caller.</summary>
public enum MissingInput
{
    /// <summary>The security scheme (a device that does not announce it).</summary>
    SecurityScheme,

    /// <summary>The security 1 proof of possession.</summary>
    ProofOfPossession,

    /// <summary>The security 2 username.</summary>
    Sec2Username,

    /// <summary>The security 2 password.</summary>
    Sec2Password,

    /// <summary>The SSID (no scan, an empty scan, or no one to choose).</summary>
    Ssid,

    /// <summary>The Wi-Fi passphrase.</summary>
    Passphrase,

    /// <summary>A Thread dataset or the choice of a scanned network.</summary>
    ThreadDataset,

    /// <summary>The network key of a chosen Thread network.</summary>
    ThreadNetworkKey,

    /// <summary>Which BLE device (none named, or no one to choose).</summary>
    Device,
}
