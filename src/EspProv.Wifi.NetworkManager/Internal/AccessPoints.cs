using System.Text;

namespace EspProv.Wifi.NetworkManager.Internal;

/// <summary>A scan entry of a Wi-Fi device.</summary>
internal sealed record AccessPointEntry(string Path, byte[] Ssid, PropertyMap Properties)
{
    public string SsidText => Encoding.UTF8.GetString(Ssid);

    public byte Strength => Properties.Byte("Strength");
}

/// <summary>Reads a device's scan list and has NetworkManager scan again, bounded in time.</summary>
internal static class AccessPoints
{
    // LastScan is read this often while a scan runs; NetworkManager emits no signal esp-prov could wait on instead
    // that every version has.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<IReadOnlyList<AccessPointEntry>> ListAsync(DBusConnection connection, string devicePath, CancellationToken cancellationToken)
    {
        var entries = new List<AccessPointEntry>();
        foreach (var path in await NmCalls.GetPathsAsync(connection, devicePath, NmNames.Wireless, "GetAllAccessPoints").WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var properties = await NmCalls.GetAllAsync(connection, path, NmNames.AccessPoint).WaitAsync(cancellationToken).ConfigureAwait(false);
                entries.Add(new AccessPointEntry(path, properties.Bytes("Ssid"), properties));
            }
            catch (DBusErrorReplyException exception) when (NmBus.IsGone(exception))
            {
                // The AP left the list between the two calls.
            }
        }

        return entries;
    }

    /// <summary>
    /// Asks for a scan and waits (at most <paramref name="timeout"/>) until LastScan moves on; returns whether it did.
    /// A refused request (a scan already running, or not allowed) still waits, since a running scan ends too.
    /// </summary>
    public static async Task<bool> ScanAsync(DBusConnection connection, string devicePath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var before = await LastScanAsync(connection, devicePath, cancellationToken).ConfigureAwait(false);
        try
        {
            await NmCalls.RequestScanAsync(connection, devicePath).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException)
        {
        }

        var polls = (int)Math.Ceiling(timeout / PollInterval);
        for (var i = 0; i < polls; i++)
        {
            if (await LastScanAsync(connection, devicePath, cancellationToken).ConfigureAwait(false) != before)
            {
                return true;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static async Task<long> LastScanAsync(DBusConnection connection, string devicePath, CancellationToken cancellationToken) =>
        (await NmCalls.GetAllAsync(connection, devicePath, NmNames.Wireless).WaitAsync(cancellationToken).ConfigureAwait(false)).Int64("LastScan", -1);

    /// <summary>The access point's security as people name it, from NetworkManager's flags (NM80211ApSecurityFlags).</summary>
    public static string Security(PropertyMap properties)
    {
        const uint privacy = 0x1, psk = 0x100, eap = 0x200, sae = 0x400, owe = 0x800;
        var rsn = properties.UInt32("RsnFlags");
        var wpa = properties.UInt32("WpaFlags");
        if ((rsn & sae) != 0)
        {
            return (rsn & psk) != 0 ? "WPA2/WPA3-PSK" : "WPA3-SAE";
        }

        if (((rsn | wpa) & eap) != 0)
        {
            return "WPA-EAP";
        }

        if (((rsn | wpa) & psk) != 0)
        {
            return (rsn & psk) == 0 ? "WPA-PSK" : (wpa & psk) != 0 ? "WPA/WPA2-PSK" : "WPA2-PSK";
        }

        return (rsn & owe) != 0 ? "OWE" : (properties.UInt32("Flags") & privacy) != 0 ? "WEP" : "open";
    }
}
