using System.Text;
using EspProv.Ble.BlueZ;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests.Support;

/// <summary>
/// A private bus with a fake BlueZ on it; skips the test (visibly) only when dbus-daemon cannot run, and
/// fails it instead under CI (<see cref="EnvironmentSkip"/>).
/// </summary>
internal sealed class Bench : IAsyncDisposable
{
    private readonly List<SimulatorBacking> _backings = [];

    private Bench(PrivateBus bus, FakeBlueZ? blueZ)
    {
        Bus = bus;
        BlueZ = blueZ!;
    }

    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(10);

    public PrivateBus Bus { get; }

    public FakeBlueZ BlueZ { get; }

    public static async Task<Bench> StartAsync(bool withBlueZ = true)
    {
        var (bus, failure) = await PrivateBus.TryStartAsync();
        if (bus is null)
        {
            EnvironmentSkip.Skip($"No private D-Bus for the BLE bench: {failure}");
        }

        var blueZ = withBlueZ ? await FakeBlueZ.StartAsync(bus.Address) : null;
        return new Bench(bus, blueZ);
    }

    /// <summary>The standard endpoints plus the example's custom-data at 0xFF54 (the simulator's default set).</summary>
    public static IReadOnlyList<(string Name, ushort Id)> ExampleEndpoints { get; } =
        [.. Endpoints.StandardBleIds, (Endpoints.CustomData, Endpoints.FirstCustomBleId)];

    public static DeviceOptions Sec(SecurityVersion security) => new() { Security = security };

    /// <summary>
    /// Adds a discoverable device backed by the simulator engine. Its custom-data endpoint echoes the decrypted
    /// request (unless <paramref name="echo"/> is false), so tests can check encrypted round trips of any length.
    /// </summary>
    public FakeDevice AddDevice(string name, DeviceOptions options, out SimulatorBacking backing, string address = "24:0A:C4:00:00:01", string serviceUuid = BleUuids.ExampleService, bool userDescriptions = true, bool echo = true)
    {
        backing = NewBacking(options with { ServiceName = name }, echo);
        var device = new FakeDevice(name, address, new LocalGatt(serviceUuid, backing.Device.Endpoints, backing, userDescriptions));
        BlueZ.Add(device);
        return device;
    }

    /// <summary>A simulator-backed device for a host (the peripheral side); disposed with the bench.</summary>
    public SimulatorBacking NewBacking(DeviceOptions options, bool echo = true)
    {
        var backing = new SimulatorBacking(options);
        if (echo)
        {
            backing.Device.RegisterEndpoint(Endpoints.CustomData, static (request, _) => ValueTask.FromResult(request.ToArray()));
        }

        lock (_backings)
        {
            _backings.Add(backing);
        }

        return backing;
    }

    public FakeDevice AddDevice(string name, SecurityVersion security, string address = "24:0A:C4:00:00:01", string serviceUuid = BleUuids.ExampleService, bool userDescriptions = true) =>
        AddDevice(name, Sec(security), out _, address, serviceUuid, userDescriptions);

    /// <summary>
    /// For the CLI as a child process: its system bus is this bench's private bus, where the fake BlueZ
    /// answers; stdin is closed, so nothing answers a prompt.
    /// </summary>
    public CliOptions CliOptions => new()
    {
        Environment = new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = Bus.Address },
        Stdin = string.Empty,
    };

    public BleTransportOptions Options(string name) => new()
    {
        Central = new BlueZCentral(busAddress: Bus.Address),
        Device = new BleDeviceFilter { Name = name },
        ScanTimeout = Patience,
        ConnectTimeout = Patience,
        RequestTimeout = Patience,
    };

    /// <summary>Runs the client half's handshake over <paramref name="transport"/>, as the session layer will.</summary>
    public static async Task HandshakeAsync(BleTransport transport, IClientSecurity client)
    {
        var request = client.Start();
        while (request is not null)
        {
            var response = await transport.SendAsync(Endpoints.ProvSession, request, TestContext.Current.CancellationToken);
            request = client.Continue(response);
        }

        Assert.True(client.IsEstablished);
    }

    /// <summary>Sends an encrypted message to an echoing endpoint (the bench's custom-data) and checks the echo.</summary>
    public static async Task AssertEchoAsync(BleTransport transport, IClientSecurity client, string endpoint = Endpoints.CustomData, int length = 40)
    {
        var message = Encoding.ASCII.GetBytes(new string('x', length));
        var response = await transport.SendAsync(endpoint, client.Encrypt(message), TestContext.Current.CancellationToken);
        Assert.Equal(message, client.Decrypt(response));
    }

    public async ValueTask DisposeAsync()
    {
        if (BlueZ is not null)
        {
            await BlueZ.DisposeAsync();
        }

        Bus.Dispose();
        lock (_backings)
        {
            _backings.ForEach(b => b.Dispose());
        }
    }
}
