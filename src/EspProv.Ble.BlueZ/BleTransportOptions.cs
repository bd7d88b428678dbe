namespace EspProv.Ble.BlueZ;

/// <summary>How <see cref="BleTransport.ConnectAsync"/> finds, connects to and talks to a device.</summary>
public sealed record BleTransportOptions
{
    /// <summary>The BlueZ adapter name; <c>hci0</c> by default (NP esp_prov's <c>--ble_adapter</c>).</summary>
    public string Adapter { get; init; } = "hci0";

    /// <summary>The D-Bus address to use instead of the system bus (tests point this at a private bus).</summary>
    public string? BusAddress { get; init; }

    /// <summary>The device to connect to: usually <see cref="BleDeviceFilter.Name"/> or <see cref="BleDeviceFilter.Address"/>.</summary>
    public required BleDeviceFilter Device { get; init; }

    /// <summary>The provisioning service UUID, when known; otherwise the advertised one, then the known ones.</summary>
    public string? ServiceUuid { get; init; }

    /// <summary>How long to scan for the device before giving up.</summary>
    public TimeSpan ScanTimeout { get; init; } = BleDiscoveryOptions.DefaultScanTime;

    /// <summary>How long to wait for the link and for GATT service resolution.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one write-then-read may take (a Wi-Fi scan on the device blocks the write response).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
