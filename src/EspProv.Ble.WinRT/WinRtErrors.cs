namespace EspProv.Ble.WinRT;

/// <summary>WinRT's GATT results and exceptions in the shared BLE layer's terms.</summary>
internal static partial class WinRtErrors
{
    /// <summary>Throws for anything but <see cref="GattCommunicationStatus.Success"/>.</summary>
    public static void ThrowIfFailed(GattCommunicationStatus status, byte? protocolError, string what)
    {
        switch (status)
        {
            case GattCommunicationStatus.Success:
                return;
            case GattCommunicationStatus.ProtocolError when protocolError is { } code:
                throw BleGattException.Att(code);
            case GattCommunicationStatus.Unreachable:
                throw new BleGattException(BleGattError.Disconnected, $"{what}: the device is unreachable");
            case GattCommunicationStatus.AccessDenied:
                throw new BleGattException(BleGattError.Failed, $"{what}: Windows denied access (GattCommunicationStatus.AccessDenied)");
            default:
                throw new BleGattException(BleGattError.Failed, $"{what}: {status}");
        }
    }
}
