namespace EspProv.Ble.WinRT;

/// <summary>WinRT's GATT results and exceptions in the shared BLE layer's terms.</summary>
internal static class WinRtErrors
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

    /// <summary>
    /// Runs a WinRT call, mapping what it throws: COM errors carry ATT errors as E_BLUETOOTH_ATT_* HRESULTs, and
    /// anything else a WinRT call throws is the platform failing, reported with its HRESULT.
    /// </summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or BleGattException or BleUnavailableException))
        {
            if (WinRtMapping.AttErrorFromHResult(exception.HResult) is { } code)
            {
                throw BleGattException.Att(code, exception);
            }

            var kind = exception is ObjectDisposedException || exception.HResult == DeviceNotConnected ? BleGattError.Disconnected : BleGattError.Failed;
            throw new BleGattException(kind, $"{what}: {exception.Message.Trim()} (0x{exception.HResult:X8})", innerException: exception);
        }
    }

    /// <summary>HRESULT_FROM_WIN32(ERROR_DEVICE_NOT_CONNECTED).</summary>
    private const int DeviceNotConnected = unchecked((int)0x8007048F);
}
