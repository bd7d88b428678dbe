namespace EspProv.Ble.Tests.Support;

/// <summary>A remote BLE device the fake adapter can discover, with fault switches and counters.</summary>
internal sealed class FakeDevice(string? name, string address, FakeGatt gatt)
{
    public string? Name { get; set; } = name;

    public string Address { get; } = address;

    public FakeGatt Gatt { get; } = gatt;

    /// <summary>The RSSI of the first advertisement heard; later ones report <see cref="Rssi"/>.</summary>
    public short FirstRssi { get; set; } = -80;

    public short Rssi { get; set; } = -50;

    /// <summary>Whether the advertisement lists the service UUID.</summary>
    public bool AdvertiseServiceUuid { get; set; } = true;

    /// <summary>Fault: this many Connect calls fail with le-connection-abort-by-local.</summary>
    public int FailConnects { get; set; }

    /// <summary>Fault: characteristic access gives NotPermitted "Insufficient Authentication" until paired.</summary>
    public bool RequiresPairing { get; set; }

    /// <summary>
    /// With <see cref="RequiresPairing"/>: bluetoothd raises the link's security by itself (shared/att.c retries
    /// a request refused for insufficient encryption), so the device ends up paired without anyone calling Pair.
    /// </summary>
    public bool PairsOnItsOwn { get; set; }

    /// <summary>Fault: a write to this endpoint's characteristic drops the link instead of answering.</summary>
    public string? DisconnectOnWriteTo { get; set; }

    /// <summary>Fault: a write to this endpoint's characteristic is never answered (a wedged handler).</summary>
    public string? HangOnWriteTo { get; set; }

    /// <summary>Fault: Connect succeeds but ServicesResolved never turns true.</summary>
    public bool NeverResolveServices { get; set; }

    public string Path => "/org/bluez/hci0/dev_" + Address.Replace(':', '_');

    /// <summary>The path the peripheral side sees for the central connected to this device.</summary>
    public string CentralPath => "/org/bluez/hci0/dev_C0_FF_EE_" + Address[^8..].Replace(':', '_');

    /// <summary>The order the fake announces devices in (the order they were added), so "first seen" is deterministic.</summary>
    public int Order { get; set; }

    public int ConnectCalls;
    public int PairCalls;
    public int RemoveCalls;
    public bool Connected;
    public bool Paired;

    /// <summary>BlueZ 5.67+'s Bonded: keys stored. Pair sets it (the adapter is bondable); RemoveDevice clears both.</summary>
    public bool Bonded;
}
