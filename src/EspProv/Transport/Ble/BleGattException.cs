namespace EspProv.Transport.Ble;

/// <summary>
/// A BLE operation failed in a backend. The shared layer turns it into a <see cref="Errors.TransportException"/> or
/// <see cref="Errors.BlePairingRequiredException"/>; it does not reach callers of <see cref="BleTransport"/>.
/// </summary>
public sealed class BleGattException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> is the platform's description, e.g. <c>le-connection-abort-by-local (org.bluez.Error.Failed)</c>.</summary>
    public BleGattException(BleGattError error, string message, byte? attErrorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        AttErrorCode = attErrorCode;
    }

    /// <summary>The kind of failure.</summary>
    public BleGattError Error { get; }

    /// <summary>The ATT error code of an <see cref="BleGattError.AttError"/> (Bluetooth Core, Vol 3, Part F, 3.4.1.1).</summary>
    public byte? AttErrorCode { get; }

    /// <summary>An ATT error response from the device.</summary>
    public static BleGattException Att(byte code, Exception? innerException = null) =>
        new(BleGattError.AttError, BleAttErrors.Describe(code), code, innerException);
}
