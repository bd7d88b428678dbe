using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.BlueZ;

/// <summary>Scans for provisioning devices over BlueZ, for <c>esp-prov discover</c> and the interactive device list.</summary>
public static class BleDiscovery
{
    /// <summary>
    /// Scans for <see cref="BleDiscoveryOptions.ScanTime"/> and returns the matching devices, strongest signal first.
    /// Throws <see cref="BleUnavailableException"/> when there is no bus, no BlueZ, no such adapter or it is off.
    /// </summary>
    public static async Task<IReadOnlyList<BleDeviceInfo>> DiscoverAsync(BleDiscoveryOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BleDiscoveryOptions();
        var (connection, adapterPath) = await BlueZBus.OpenAsync(options.BusAddress, options.Adapter, cancellationToken).ConfigureAwait(false);
        using (connection)
        {
            var scanner = await DeviceScanner.StartAsync(connection, adapterPath, options.Filter, cancellationToken).ConfigureAwait(false);
            await using (scanner.ConfigureAwait(false))
            {
                await Task.Delay(options.ScanTime, cancellationToken).ConfigureAwait(false);
                return scanner.Snapshot()
                    .OrderByDescending(d => d.Rssi ?? short.MinValue)
                    .ThenBy(d => d.Address, StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }
        }
    }

    /// <summary>
    /// Scans until a device matching <paramref name="filter"/> is seen and returns it, or returns null after
    /// <paramref name="timeout"/>. esp_prov uses the first device whose name matches exactly.
    /// </summary>
    public static async Task<BleDeviceInfo?> FindAsync(BleDeviceFilter filter, TimeSpan timeout, string adapter = "hci0", string? busAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (connection, adapterPath) = await BlueZBus.OpenAsync(busAddress, adapter, cancellationToken).ConfigureAwait(false);
        using (connection)
        {
            return await FindAsync(connection, adapterPath, filter, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<BleDeviceInfo?> FindAsync(DBusConnection connection, string adapterPath, BleDeviceFilter filter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var scanner = await DeviceScanner.StartAsync(connection, adapterPath, filter, cancellationToken).ConfigureAwait(false);
        await using (scanner.ConfigureAwait(false))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                return await scanner.Matches.ReadAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }
}
