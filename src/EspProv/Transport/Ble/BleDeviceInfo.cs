namespace EspProv.Transport.Ble;

/// <summary>A Bluetooth LE device seen while scanning.</summary>
/// <param name="Name">The advertised local name, or null when it has none.</param>
/// <param name="Address">The Bluetooth address, e.g. <c>24:0A:C4:00:00:01</c>.</param>
/// <param name="Rssi">The latest signal strength in dBm, or null when the platform reported none.</param>
/// <param name="ServiceUuids">The advertised service UUIDs, lower case.</param>
public sealed record BleDeviceInfo(string? Name, string Address, short? Rssi, IReadOnlyList<string> ServiceUuids)
{
    /// <summary>
    /// The backend's own handle of the device, which its <see cref="IBleCentral"/> needs to connect again: BlueZ's
    /// object path (e.g. <c>/org/bluez/hci0/dev_24_0A_C4_00_00_01</c>), the 48-bit address as a number on Windows.
    /// </summary>
    public string PlatformId { get; init; } = string.Empty;
}
