using System.Collections.Concurrent;
using System.Reflection;
using EspProv.Simulator;
using EspProv.Simulator.Hosts.Http;

namespace EspProv.Robustness.Tests.Support;

/// <summary>
/// A simulated device served over HTTP on loopback, with its request log and — for the secrets test —
/// a copy of the session key the device derived, taken when the first encrypted request was handled.
/// </summary>
internal sealed class SimulatorFixture : IAsyncDisposable
{
    private readonly ConcurrentQueue<DeviceRequestRecord> _records = new();
    private HttpDeviceHost _host = null!;

    private SimulatorFixture(SimulatedDevice device)
    {
        Device = device;
        device.RequestHandled += OnRequest;
    }

    public SimulatedDevice Device { get; }

    public int Port => _host.Port;

    public IReadOnlyCollection<DeviceRequestRecord> Records => _records;

    /// <summary>The device's session key of the last established session (sec1: 32 bytes, sec2: K, 64 bytes).</summary>
    public byte[]? SessionKey { get; private set; }

    public static async Task<SimulatorFixture> StartAsync(DeviceOptions options)
    {
        var fixture = new SimulatorFixture(new SimulatedDevice(options));
        fixture._host = await HttpDeviceHost.StartAsync(fixture.Device, new HttpHostOptions(), TestContext.Current.CancellationToken);
        return fixture;
    }

    /// <summary>True when any prov-config request reached the device's handler (credentials or not).</summary>
    public bool ConfigReached => _records.Any(r => r.Endpoint == EspProv.Protocol.Endpoints.ProvConfig);

    private void OnRequest(object? sender, DeviceRequestRecord record)
    {
        _records.Enqueue(record);
        if (record.Endpoint != EspProv.Protocol.Endpoints.ProvSession && record.Endpoint != EspProv.Protocol.Endpoints.ProtoVer)
        {
            // The device keeps the key private; the test reads it (inside the device's request gate) to
            // prove the CLI never prints it.
            var security = typeof(SimulatedDevice).GetField("_security", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(Device)!;
            var field = security.GetType().GetField("_key", BindingFlags.NonPublic | BindingFlags.Instance)
                ?? security.GetType().GetField("_sessionKey", BindingFlags.NonPublic | BindingFlags.Instance);
            if (field?.GetValue(security) is byte[] key)
            {
                SessionKey = (byte[])key.Clone();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Device.Dispose();
    }
}
