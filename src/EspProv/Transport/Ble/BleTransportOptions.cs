using EspProv.Errors;

namespace EspProv.Transport.Ble;

/// <summary>How <see cref="BleTransport.ConnectAsync"/> finds, connects to and talks to a device.</summary>
public sealed record BleTransportOptions
{
    /// <summary>The default scan time, as long as esp_prov's bleak scan.</summary>
    public static readonly TimeSpan DefaultScanTime = TimeSpan.FromSeconds(5);

    /// <summary>The platform's BLE central to use (BlueZ, WinRT, or a fake in tests).</summary>
    public required IBleCentral Central { get; init; }

    /// <summary>The device to connect to: usually <see cref="BleDeviceFilter.Name"/> or <see cref="BleDeviceFilter.Address"/>.</summary>
    public required BleDeviceFilter Device { get; init; }

    /// <summary>The provisioning service UUID, when known; otherwise the advertised one, then the known ones.</summary>
    public string? ServiceUuid { get; init; }

    /// <summary>How long to scan for the device before giving up.</summary>
    public TimeSpan ScanTimeout { get; init; } = DefaultScanTime;

    /// <summary>How long to wait for the link and for GATT service resolution.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one write-then-read may take (a Wi-Fi scan on the device blocks the write response).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Pair without asking when the device demands an encrypted link (ESP-IDF's forced encryption). Off by
    /// default: a bond is a lasting change to the host, so it is made only when allowed here or confirmed by
    /// <see cref="ConfirmPairing"/>; otherwise the request fails with <see cref="BlePairingRequiredException"/>.
    /// </summary>
    public bool AllowPairing { get; init; }

    /// <summary>
    /// Keep a bond this transport created when it is disposed. Off by default: the bond is removed again
    /// (the device is forgotten). A device that was already paired or bonded before connecting is never removed.
    /// </summary>
    public bool KeepBond { get; init; }

    /// <summary>
    /// Asked, when pairing is needed and <see cref="AllowPairing"/> is off, whether to pair with the device;
    /// true pairs. Null: never pair without <see cref="AllowPairing"/>. Interactive callers ask the user here.
    /// </summary>
    public Func<BleDeviceInfo, CancellationToken, ValueTask<bool>>? ConfirmPairing { get; init; }
}
