using EspProv.Model;

namespace EspProv.Ble.BlueZ;

/// <summary>Where and how long <see cref="BleDiscovery"/> scans.</summary>
public sealed record BleDiscoveryOptions
{
    /// <summary>The default scan time, as long as esp_prov's bleak scan.</summary>
    public static readonly TimeSpan DefaultScanTime = BleTransportOptions.DefaultScanTime;

    /// <summary>The BlueZ adapter name; <c>hci0</c> by default.</summary>
    public string Adapter { get; init; } = "hci0";

    /// <summary>The D-Bus address to use instead of the system bus (tests point this at a private bus).</summary>
    public string? BusAddress { get; init; }

    /// <summary>Which devices to report. Default: every device whose name starts with <c>PROV_</c>.</summary>
    public BleDeviceFilter Filter { get; init; } = new() { NamePrefix = ExampleFirmware.ServiceNamePrefix };

    /// <summary>How long to scan.</summary>
    public TimeSpan ScanTime { get; init; } = DefaultScanTime;
}
