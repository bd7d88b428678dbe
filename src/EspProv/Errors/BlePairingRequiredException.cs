using EspProv.Transport.Ble;

namespace EspProv.Errors;

/// <summary>
/// The device answers only over an encrypted link, which needs pairing, and pairing was neither allowed
/// (<see cref="BleTransportOptions.AllowPairing"/>) nor confirmed (<see cref="BleTransportOptions.ConfirmPairing"/>).
/// Nothing was paired.
/// </summary>
public sealed class BlePairingRequiredException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public BlePairingRequiredException(BleDeviceInfo device, bool declined, Exception? innerException = null)
        : base(Describe(device, declined), innerException)
    {
        Device = device;
        Declined = declined;
    }

    /// <summary>The device that asked for pairing.</summary>
    public BleDeviceInfo Device { get; }

    /// <summary>True when <see cref="BleTransportOptions.ConfirmPairing"/> was asked and said no.</summary>
    public bool Declined { get; }

    private static string Describe(BleDeviceInfo device, bool declined)
    {
        ArgumentNullException.ThrowIfNull(device);
        var who = device.Name is null ? device.Address : $"'{device.Name}' ({device.Address})";
        return declined
            ? $"{who} requires pairing (an encrypted BLE link) and pairing was declined; nothing was paired."
            : $"{who} requires pairing (an encrypted BLE link) and pairing was not allowed; nothing was paired.";
    }
}
