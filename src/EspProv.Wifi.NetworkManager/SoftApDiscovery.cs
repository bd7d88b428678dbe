using EspProv.Wifi.NetworkManager.Internal;

namespace EspProv.Wifi.NetworkManager;

/// <summary>A visible access point whose SSID has the provisioning prefix.</summary>
/// <param name="Ssid">The SSID (raw device text).</param>
/// <param name="Bssid">The AP's MAC address.</param>
/// <param name="Strength">Signal quality in percent, as NetworkManager reports it.</param>
/// <param name="Security">"open", "WPA2-PSK", … from the AP's flags.</param>
/// <param name="FrequencyMhz">The channel's frequency.</param>
public sealed record SoftApInfo(string Ssid, string Bssid, byte Strength, string Security, uint FrequencyMhz);

/// <summary>What to list.</summary>
public sealed record SoftApScanRequest
{
    /// <summary>The SSID prefix (ESP-IDF's examples: <c>PROV_</c>); empty: every AP.</summary>
    public string Prefix { get; init; } = "PROV_";

    /// <summary>The Wi-Fi interface; null: the first usable Wi-Fi device.</summary>
    public string? Interface { get; init; }

    /// <summary>The system bus address; null: <c>DBUS_SYSTEM_BUS_ADDRESS</c> or the standard socket.</summary>
    public string? BusAddress { get; init; }

    /// <summary>How long the fresh scan may take; the list is then what NetworkManager knows.</summary>
    public TimeSpan ScanTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>Lists provisioning access points through NetworkManager, for <c>esp-prov discover --softap</c>.</summary>
public static class SoftApDiscovery
{
    /// <summary>
    /// Scans once and returns the matching APs, strongest first. Throws <see cref="SoftApJoinException"/> subtypes:
    /// <see cref="NetworkManagerUnavailableException"/> or <see cref="WifiDeviceNotFoundException"/> when either is
    /// missing, <see cref="AccessPointScanFailedException"/> when NetworkManager answers with another error.
    /// </summary>
    public static async Task<IReadOnlyList<SoftApInfo>> ScanAsync(SoftApScanRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new SoftApScanRequest();
        try
        {
            return await ScanOnBusAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DBusExceptionBase exception)
        {
            throw NmBus.Translate(exception, (why, inner) => new AccessPointScanFailedException($"NetworkManager could not list the access points: {why}.", inner));
        }
    }

    private static async Task<IReadOnlyList<SoftApInfo>> ScanOnBusAsync(SoftApScanRequest request, CancellationToken cancellationToken)
    {
        using var connection = await NmBus.OpenAsync(request.BusAddress, cancellationToken).ConfigureAwait(false);
        var device = await WifiDevice.FindAsync(connection, request.Interface, cancellationToken).ConfigureAwait(false);
        await AccessPoints.ScanAsync(connection, device.Path, request.ScanTimeout, cancellationToken).ConfigureAwait(false);
        return (await AccessPoints.ListAsync(connection, device.Path, cancellationToken).ConfigureAwait(false))
            .Where(ap => ap.SsidText.StartsWith(request.Prefix, StringComparison.Ordinal))
            .Select(ap => new SoftApInfo(ap.SsidText, ap.Properties.String("HwAddress") ?? string.Empty, ap.Strength, AccessPoints.Security(ap.Properties), ap.Properties.UInt32("Frequency")))
            .OrderByDescending(ap => ap.Strength)
            .ThenBy(ap => ap.Ssid, StringComparer.Ordinal)
            .ToList();
    }
}
