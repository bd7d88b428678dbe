using EspProv.Errors;

namespace EspProv.Transport.Ble;

/// <summary>
/// Scanning on any <see cref="IBleCentral"/>: merges what a device advertises across reports (Windows reports the
/// advertisement and the scan response separately, so the name and the service UUID may arrive apart), keeps the
/// latest RSSI, and applies the <see cref="BleDeviceFilter"/>.
/// </summary>
public static class BleScanner
{
    /// <summary>Scans for <paramref name="scanTime"/> and returns the matching devices, strongest signal first.</summary>
    public static async Task<IReadOnlyList<BleDeviceInfo>> DiscoverAsync(IBleCentral central, BleDeviceFilter filter, TimeSpan scanTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(central);
        ArgumentNullException.ThrowIfNull(filter);
        var seen = new Dictionary<string, BleDeviceInfo>(StringComparer.OrdinalIgnoreCase);
        await ScanAsync(central, filter, scanTime, device =>
        {
            seen[device.Address] = device;
            return false;
        }, cancellationToken).ConfigureAwait(false);
        return seen.Values.Where(filter.Matches)
            .OrderByDescending(d => d.Rssi ?? short.MinValue)
            .ThenBy(d => d.Address, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Scans until a device matching <paramref name="filter"/> is heard and returns it, or returns null after
    /// <paramref name="timeout"/>. esp_prov uses the first device whose name matches exactly.
    /// </summary>
    public static async Task<BleDeviceInfo?> FindAsync(IBleCentral central, BleDeviceFilter filter, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(central);
        ArgumentNullException.ThrowIfNull(filter);
        BleDeviceInfo? found = null;
        await ScanAsync(central, filter, timeout, device =>
        {
            found = filter.Matches(device) ? device : null;
            return found is not null;
        }, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Feeds merged reports to <paramref name="stop"/> until it returns true or <paramref name="window"/> has passed.</summary>
    private static async Task ScanAsync(IBleCentral central, BleDeviceFilter filter, TimeSpan window, Func<BleDeviceInfo, bool> stop, CancellationToken cancellationToken)
    {
        IBleScan scan;
        try
        {
            scan = await central.StartScanAsync(filter.ServiceUuid is null ? null : BleUuids.Normalize(filter.ServiceUuid), cancellationToken).ConfigureAwait(false);
        }
        catch (BleGattException exception)
        {
            throw new TransportException(TransportFailure.IoError, $"Could not start a BLE scan on {central.Name}: {exception.Message}.", exception);
        }

        await using (scan.ConfigureAwait(false))
        {
            var merged = new Dictionary<string, BleDeviceInfo>(StringComparer.OrdinalIgnoreCase);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(window);
            try
            {
                await foreach (var report in scan.Reports.ReadAllAsync(deadline.Token).ConfigureAwait(false))
                {
                    var device = merged.TryGetValue(report.Address, out var earlier) ? Merge(earlier, report) : report;
                    merged[report.Address] = device;
                    if (stop(device))
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The scan window is over.
            }
        }
    }

    private static BleDeviceInfo Merge(BleDeviceInfo earlier, BleDeviceInfo report) =>
        report with
        {
            Name = report.Name ?? earlier.Name,
            Rssi = report.Rssi ?? earlier.Rssi,
            ServiceUuids = earlier.ServiceUuids.Union(report.ServiceUuids, StringComparer.OrdinalIgnoreCase).ToArray(),
            PlatformId = report.PlatformId.Length > 0 ? report.PlatformId : earlier.PlatformId,
        };
}
