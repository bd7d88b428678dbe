namespace EspProv.Transport.Ble;

/// <summary>
/// The central (client) role of one Bluetooth adapter as a platform exposes it: BlueZ over D-Bus, WinRT on Windows,
/// or a fake in tests. Implementations only call the platform and map its results and errors
/// (<see cref="BleGattException"/>, <see cref="Errors.BleUnavailableException"/>); what protocomm needs on top
/// (device matching, endpoint mapping, request framing, timeouts, pairing consent, bond hygiene) lives once in
/// <see cref="BleScanner"/> and <see cref="BleTransport"/>.
/// </summary>
public interface IBleCentral
{
    /// <summary>The adapter as a user would name it in a message, e.g. <c>hci0</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Starts an active scan and reports what is heard until the scan is disposed. <paramref name="serviceUuid"/> is
    /// a hint the platform may use to filter; callers filter again. Throws <see cref="Errors.BleUnavailableException"/>
    /// when Bluetooth cannot be used.
    /// </summary>
    Task<IBleScan> StartScanAsync(string? serviceUuid, CancellationToken cancellationToken);

    /// <summary>
    /// Connects to a device seen in a scan. Throws <see cref="BleGattException"/> when the platform or the device refuses;
    /// the caller applies the time limit. A platform that only reaches the device on the first GATT request (WinRT)
    /// may return a link for a device that is out of range; that failure then comes from
    /// <see cref="IBlePeripheralLink.GetServicesAsync"/> as <see cref="BleGattError.Disconnected"/>, and the caller
    /// treats a link lost before its services are resolved exactly like a failed connect (forget a stale entry,
    /// rescan, retry once).
    /// </summary>
    Task<IBlePeripheralLink> ConnectAsync(BleDeviceInfo device, CancellationToken cancellationToken);

    /// <summary>True when this host holds a bond (pairing keys) for the device; null when the platform cannot tell.</summary>
    Task<bool?> IsBondedAsync(BleDeviceInfo device, CancellationToken cancellationToken);

    /// <summary>Removes this host's record of the device, its bond included (BlueZ RemoveDevice, WinRT Unpair). Best effort.</summary>
    Task ForgetAsync(BleDeviceInfo device, CancellationToken cancellationToken);

    /// <summary>How a user removes a stale bond with the device by hand, e.g. <c>bluetoothctl remove 24:0A:C4:00:00:01</c>.</summary>
    string RemoveBondHint(BleDeviceInfo device);
}
