using System.Collections.Concurrent;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

/// <summary>
/// A device a <see cref="FakeBleCentral"/> can hear and connect to: what it advertises, its GATT database (the
/// simulator's endpoints on <see cref="ServiceUuid"/>, named by 0x2901 descriptors unless turned off), the real
/// device engine behind the characteristics, and switches for every failure the shared BLE layer must handle.
/// </summary>
internal sealed class FakePeripheral : IDisposable
{
    private uint _nextSession;

    public FakePeripheral(string? name, string address = "24:0A:C4:00:00:01", DeviceOptions? options = null)
    {
        Name = name;
        Address = address;
        Device = new SimulatedDevice((options ?? new DeviceOptions { Security = SecurityVersion.Sec0 }) with { ServiceName = name ?? "PROV_NONAME" });
        Device.RegisterEndpoint(Endpoints.CustomData, static (request, _) => ValueTask.FromResult(request.ToArray()));
        Device.RequestHandled += (_, record) => Records.Enqueue(record);
    }

    public SimulatedDevice Device { get; }

    public ConcurrentQueue<DeviceRequestRecord> Records { get; } = new();

    // What it advertises.
    public string? Name { get; }

    public string Address { get; }

    public short Rssi { get; set; } = -50;

    /// <summary>When set, the first report carries this RSSI and a second one <see cref="Rssi"/>.</summary>
    public short? FirstRssi { get; set; }

    public bool AdvertiseServiceUuid { get; set; } = true;

    /// <summary>The name and the service UUID come in separate reports, as Windows reports advertisement and scan response.</summary>
    public bool SplitScanResponse { get; set; }

    // Its GATT database.
    public string ServiceUuid { get; set; } = BleUuids.ExampleService;

    public bool UserDescriptions { get; set; } = true;

    public int Mtu { get; set; } = 23;

    // Faults.
    public int FailConnects { get; set; }

    public bool NeverResolveServices { get; set; }

    /// <summary>
    /// Each service discovery takes the next fault, if any, and throws its error; with DropLink the link's
    /// <see cref="IBlePeripheralLink.Disconnected"/> completes first (BlueZ: the device went away), without it the
    /// error is all there is (WinRT: a device out of range is Unreachable on the first GATT request).
    /// </summary>
    public Queue<(BleGattException Error, bool DropLink)> ServiceDiscoveryFaults { get; } = new();

    /// <summary>Thrown by every read of a 0x2901 descriptor.</summary>
    public BleGattException? DescriptorReadError { get; set; }

    /// <summary>Reads of the 0x2901 descriptors fail with ATT 0x0F (Insufficient Encryption) until paired.</summary>
    public bool DescriptorsRequirePairing { get; set; }

    public bool HangOnDescriptorRead { get; set; }

    /// <summary>Writes fail with ATT 0x05 until paired (ESP-IDF's forced encryption), or with a code-less platform error.</summary>
    public bool RequiresPairing { get; set; }

    public bool PairingDemandWithoutAttCode { get; set; }

    public bool PairFails { get; set; }

    /// <summary>Pairing succeeds but the device still refuses: it wants more than "Just Works" (MITM protection).</summary>
    public bool PairingIsNotEnough { get; set; }

    public string? DisconnectOnWriteTo { get; set; }

    public string? HangOnWriteTo { get; set; }

    public (string Endpoint, BleGattException Error)? FailWriteTo { get; set; }

    /// <summary>The write of a request succeeds, the read of its answer fails (BlueZ peripherals answer a failed handler there).</summary>
    public (string Endpoint, BleGattException Error)? FailReadOf { get; set; }

    /// <summary>The write of a request succeeds, the link drops on the read of its answer.</summary>
    public string? DisconnectOnReadOf { get; set; }

    /// <summary>Pairing never finishes (a pairing dialog nobody answers).</summary>
    public bool PairHangs { get; set; }

    /// <summary>Thrown by disposing a link, after it has disconnected (a stack already gone).</summary>
    public Exception? DisposeError { get; set; }

    // State and what happened.
    public bool Bonded { get; set; }

    public int ConnectCalls { get; set; }

    public int PairCalls { get; set; }

    public int ForgetCalls { get; set; }

    public int Disconnects { get; set; }

    /// <summary>Every characteristic value written, as the device received it, and the endpoint it was written to.</summary>
    public ConcurrentQueue<(string Endpoint, byte[] Value)> Received { get; } = new();

    public string PlatformId => "fake/" + Address;

    public uint NextSession() => Interlocked.Increment(ref _nextSession);

    public void Dispose() => Device.Dispose();
}
