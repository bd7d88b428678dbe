namespace EspProv.Wifi.NetworkManager.Internal;

/// <summary>A Wi-Fi device NetworkManager manages.</summary>
internal sealed record WifiDevice(string Path, string Interface, PropertyMap Properties)
{
    // NM_DEVICE_STATE_DISCONNECTED: below it the device is unmanaged or unavailable (radio off, rfkill).
    private const uint FirstUsableState = 30;

    /// <summary>The active connection on the device, or null.</summary>
    public string? ActiveConnection => Properties.Path("ActiveConnection");

    /// <summary>Finds the Wi-Fi device named <paramref name="name"/>, or the first usable one.</summary>
    public static async Task<WifiDevice> FindAsync(DBusConnection connection, string? name, CancellationToken cancellationToken)
    {
        var devices = new List<WifiDevice>();
        foreach (var path in await NmCalls.GetPathsAsync(connection, NmNames.ManagerPath, NmNames.Manager, "GetDevices").WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            var properties = await NmCalls.GetAllAsync(connection, path, NmNames.Device).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (properties.UInt32("DeviceType") == NmNames.DeviceTypeWifi)
            {
                devices.Add(new WifiDevice(path, properties.String("Interface") ?? path, properties));
            }
        }

        if (devices.Count == 0)
        {
            throw new WifiDeviceNotFoundException("NetworkManager manages no Wi-Fi device.");
        }

        var device = name is null
            ? devices.FirstOrDefault(d => d.IsUsable) ?? devices[0]
            : devices.FirstOrDefault(d => d.Interface == name)
                ?? throw new WifiDeviceNotFoundException($"NetworkManager has no Wi-Fi device {name} (Wi-Fi devices: {string.Join(", ", devices.Select(d => d.Interface))}).");
        return device.IsUsable
            ? device
            : throw new WifiDeviceNotFoundException($"Wi-Fi device {device.Interface} is not usable (state {device.Properties.UInt32("State")}: unmanaged, or the radio is off; try `nmcli radio wifi on`).");
    }

    private bool IsUsable => Properties.UInt32("State") >= FirstUsableState;
}
