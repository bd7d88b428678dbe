namespace EspProv.Ble.BlueZ;

/// <summary><see cref="BleScanner"/> on a <see cref="BlueZCentral"/>, for callers that know they are on Linux.</summary>
public static class BleDiscovery
{
    /// <summary>
    /// Scans for <see cref="BleDiscoveryOptions.ScanTime"/> and returns the matching devices, strongest signal first.
    /// Throws <see cref="BleUnavailableException"/> when there is no bus, no BlueZ, no such adapter or it is off.
    /// </summary>
    public static Task<IReadOnlyList<BleDeviceInfo>> DiscoverAsync(BleDiscoveryOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BleDiscoveryOptions();
        return BleScanner.DiscoverAsync(new BlueZCentral(options.Adapter, options.BusAddress), options.Filter, options.ScanTime, cancellationToken);
    }

    /// <summary>
    /// Scans until a device matching <paramref name="filter"/> is seen and returns it, or returns null after
    /// <paramref name="timeout"/>. esp_prov uses the first device whose name matches exactly.
    /// </summary>
    public static Task<BleDeviceInfo?> FindAsync(BleDeviceFilter filter, TimeSpan timeout, string adapter = "hci0", string? busAddress = null, CancellationToken cancellationToken = default) =>
        BleScanner.FindAsync(new BlueZCentral(adapter, busAddress), filter, timeout, cancellationToken);
}
