namespace EspProv.Wifi.NetworkManager;

/// <summary>Which access point to join, and how long each step may take.</summary>
public sealed record SoftApJoinRequest
{
    /// <summary>The device's AP (ESP-IDF: <c>PROV_</c> and the last MAC bytes).</summary>
    public required string Ssid { get; init; }

    /// <summary>The AP's WPA2 password (the firmware's <c>service_key</c>); null for an open AP. Never logged.</summary>
    public string? Password { get; init; }

    /// <summary>The Wi-Fi interface (e.g. <c>wlan0</c>); null: the first Wi-Fi device NetworkManager manages.</summary>
    public string? Interface { get; init; }

    /// <summary>The system bus address; null: <c>DBUS_SYSTEM_BUS_ADDRESS</c> or the standard socket.</summary>
    public string? BusAddress { get; init; }

    /// <summary>How long a scan may take to show the AP.</summary>
    public TimeSpan ScanTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the whole join may take, from the activation request to the IPv4 address (one deadline).</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long restoring may take; restoring never uses the caller's (perhaps cancelled) token.</summary>
    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Redacts the password.</summary>
    public override string ToString() => $"SoftApJoinRequest {{ Ssid = {Ssid}, Password = {(Password is null ? "none" : "<redacted>")}, Interface = {Interface ?? "auto"} }}";
}
