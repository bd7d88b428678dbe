using System.Text;

namespace EspProv.Wifi.Tests.Support;

/// <summary>An access point the fake's Wi-Fi device can see.</summary>
internal sealed class FakeAccessPoint(string path, string ssid)
{
    public string Path { get; } = path;

    public string Ssid { get; } = ssid;

    /// <summary>The WPA2 password; null for an open AP.</summary>
    public string? Password { get; init; }

    public byte Strength { get; set; } = 70;

    public string Bssid { get; init; } = "24:0A:C4:00:00:01";

    public uint Frequency { get; init; } = 2437;

    /// <summary>The gateway a client gets on this AP (the device's address).</summary>
    public string Gateway { get; init; } = "127.0.0.1";

    /// <summary>Shows in the scan list only after a RequestScan (a device that just started its AP).</summary>
    public bool AppearsOnScan { get; init; }

    public bool Visible { get; set; } = true;

    public PropertyMap Properties() => new()
    {
        ["Ssid"] = VariantValue.Array(Encoding.UTF8.GetBytes(Ssid)),
        ["Strength"] = VariantValue.Byte(Strength),
        ["HwAddress"] = VariantValue.String(Bssid),
        ["Frequency"] = VariantValue.UInt32(Frequency),
        ["Flags"] = VariantValue.UInt32(Password is null ? 0u : 1u),
        ["WpaFlags"] = VariantValue.UInt32(0),
        // NM_802_11_AP_SEC_PAIR_CCMP | GROUP_CCMP | KEY_MGMT_PSK, as a WPA2 softAP shows.
        ["RsnFlags"] = VariantValue.UInt32(Password is null ? 0u : 0x188u),
    };
}

/// <summary>
/// A settings profile (Settings.Connection): <paramref name="Volatile"/> goes when its connection goes down;
/// <paramref name="Unsaved"/> lives in memory only; neither: written to disk.
/// </summary>
internal sealed record FakeProfile(string Path, string Id, string Ssid, bool Volatile, bool Unsaved = false, string? Psk = null)
{
    public bool OnDisk => !Volatile && !Unsaved;
}

/// <summary>An active connection (Connection.Active) with its IP4Config.</summary>
internal sealed class FakeActive(string path, FakeProfile profile, FakeAccessPoint? accessPoint)
{
    public string Path { get; } = path;

    public FakeProfile Profile { get; } = profile;

    public FakeAccessPoint? AccessPoint { get; } = accessPoint;

    public uint State { get; set; } = 1;

    public string Ip4ConfigPath => Path.Replace("ActiveConnection", "IP4Config", StringComparison.Ordinal);

    public PropertyMap Properties(string devicePath) => new()
    {
        ["Connection"] = VariantValue.ObjectPath(Profile.Path),
        ["SpecificObject"] = VariantValue.ObjectPath(AccessPoint?.Path ?? "/"),
        ["Id"] = VariantValue.String(Profile.Id),
        ["Uuid"] = VariantValue.String(Guid.NewGuid().ToString()),
        ["Type"] = VariantValue.String("802-11-wireless"),
        ["Devices"] = VariantValue.Array(new ObjectPath[] { new(devicePath) }),
        ["State"] = VariantValue.UInt32(State),
        ["Ip4Config"] = VariantValue.ObjectPath(State == 2 ? Ip4ConfigPath : "/"),
    };
}
