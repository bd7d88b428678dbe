namespace EspProv.Wifi.NetworkManager.Internal;

/// <summary>NetworkManager's D-Bus names and the numbers esp-prov reads (introspection/*.xml, nm-dbus-interface.h).</summary>
internal static class NmNames
{
    public const string Service = "org.freedesktop.NetworkManager";
    public const string ManagerPath = "/org/freedesktop/NetworkManager";
    public const string Manager = "org.freedesktop.NetworkManager";
    public const string Device = "org.freedesktop.NetworkManager.Device";
    public const string Wireless = "org.freedesktop.NetworkManager.Device.Wireless";
    public const string AccessPoint = "org.freedesktop.NetworkManager.AccessPoint";
    public const string ActiveConnection = "org.freedesktop.NetworkManager.Connection.Active";
    public const string Ip4Config = "org.freedesktop.NetworkManager.IP4Config";
    public const string SettingsPath = "/org/freedesktop/NetworkManager/Settings";
    public const string Settings = "org.freedesktop.NetworkManager.Settings";
    public const string SettingsConnection = "org.freedesktop.NetworkManager.Settings.Connection";
    public const string Properties = "org.freedesktop.DBus.Properties";

    /// <summary>NetworkManager's error for a caller polkit refuses.</summary>
    public const string ErrorPermissionDenied = "org.freedesktop.NetworkManager.PermissionDenied";
    public const string ErrorUnknownMethod = "org.freedesktop.DBus.Error.UnknownMethod";

    public const string NoObject = "/";

    /// <summary>NM_DEVICE_TYPE_WIFI.</summary>
    public const uint DeviceTypeWifi = 2;
}

/// <summary>NMActiveConnectionState.</summary>
internal enum ActiveState : uint
{
    Unknown = 0,
    Activating = 1,
    Activated = 2,
    Deactivating = 3,
    Deactivated = 4,
}

/// <summary>The NMActiveConnectionStateReason values esp-prov tells apart.</summary>
internal enum ActiveReason : uint
{
    NoSecrets = 9,
    LoginFailed = 10,
}

/// <summary>The NMDeviceStateReason values esp-prov tells apart.</summary>
internal enum DeviceReason : uint
{
    IpConfigUnavailable = 5,
    NoSecrets = 7,
    SupplicantDisconnect = 8,
    SupplicantConfigFailed = 9,
    SupplicantFailed = 10,
    SupplicantTimeout = 11,
    DhcpStartFailed = 15,
    DhcpError = 16,
    DhcpFailed = 17,
    SsidNotFound = 53,
}
