using System.Text;
using EspProv.Ble.BlueZ;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Ble.Tests.Support;

/// <summary>A private bus with a fake BlueZ on it; skips the test (visibly) only when dbus-daemon cannot run.</summary>
internal sealed class Bench : IAsyncDisposable
{
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
            Assert.Skip($"No private D-Bus for the BLE bench: {failure}");
        }

        var blueZ = withBlueZ ? await FakeBlueZ.StartAsync(bus.Address) : null;
        return new Bench(bus, blueZ);
    }

    /// <summary>The standard endpoints plus the example's custom-data at 0xFF54.</summary>
    public static IReadOnlyList<(string Name, ushort Id)> ExampleEndpoints { get; } =
        [.. Endpoints.StandardBleIds, (Endpoints.CustomData, Endpoints.FirstCustomBleId)];

    public FakeDevice AddDevice(string name, IDeviceSecurity security, out ProtocommDevice backing, string address = "24:0A:C4:00:00:01", string serviceUuid = BleUuids.ExampleService, bool userDescriptions = true)
    {
        backing = new ProtocommDevice(security);
        var device = new FakeDevice(name, address, new LocalGatt(serviceUuid, ExampleEndpoints, backing, userDescriptions));
        BlueZ.Add(device);
        return device;
    }

    public BleTransportOptions Options(string name) => new()
    {
        BusAddress = Bus.Address,
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

    /// <summary>Sends an encrypted message to prov-config and checks the device echoed it.</summary>
    public static async Task AssertEchoAsync(BleTransport transport, IClientSecurity client, string endpoint = Endpoints.ProvConfig, int length = 40)
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
    }
}
