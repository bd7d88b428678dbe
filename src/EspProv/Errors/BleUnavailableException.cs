namespace EspProv.Errors;

/// <summary>
/// Bluetooth LE is not usable here: no Bluetooth stack (on Linux: no system bus or no BlueZ), no such adapter,
/// the adapter or radio is off, or this platform has no BLE backend.
/// The message is one line a user can act on; a CLI can print it and fall back to the console transport.
/// </summary>
public sealed class BleUnavailableException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public BleUnavailableException(BleUnavailableReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>What is missing.</summary>
    public BleUnavailableReason Reason { get; }
}
