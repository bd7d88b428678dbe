namespace EspProv.Ble.BlueZ.Peripheral;

/// <summary>What a simulated device advertises and exports over BlueZ.</summary>
public sealed record BlePeripheralOptions
{
    /// <summary>The BlueZ adapter name; <c>hci0</c> by default.</summary>
    public string Adapter { get; init; } = "hci0";

    /// <summary>The D-Bus address to use instead of the system bus.</summary>
    public string? BusAddress { get; init; }

    /// <summary>The advertised local name (the device's service name, e.g. <c>PROV_123456</c>).</summary>
    public required string ServiceName { get; init; }

    /// <summary>The provisioning service UUID; the <c>wifi_prov_mgr</c> example's by default.</summary>
    public string ServiceUuid { get; init; } = BleUuids.ExampleService;

    /// <summary>The endpoints in registration order with their 16-bit ids (e.g. <see cref="EspProv.Protocol.Endpoints.StandardBleIds"/>).</summary>
    public required IReadOnlyList<(string Name, ushort Id)> Endpoints { get; init; }

    /// <summary>Whether to export the 0x2901 descriptors naming each endpoint (ESP-IDF always does).</summary>
    public bool UserDescriptions { get; init; } = true;
}
