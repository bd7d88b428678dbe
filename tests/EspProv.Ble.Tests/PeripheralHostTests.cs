using System.Collections.Concurrent;
using System.Text;
using EspProv.Ble.BlueZ;
using EspProv.Ble.BlueZ.Peripheral;
using EspProv.Ble.Tests.Support;
using EspProv.Errors;
using EspProv.Flows;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

public sealed class PeripheralHostTests
{
    private static readonly byte[] Pop = Encoding.ASCII.GetBytes("abcd1234");

    private sealed class Sessions
    {
        public ConcurrentQueue<uint> Opened { get; } = new();

        public ConcurrentQueue<uint> Closed { get; } = new();

        public TaskCompletionSource FirstClosed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static Task<BlePeripheralHost> StartHostAsync(Bench bench, SimulatorBacking device, Sessions sessions, bool userDescriptions = true, string name = "PROV_SIM") =>
        BlePeripheralHost.StartAsync(
            new BlePeripheralOptions
            {
                BusAddress = bench.Bus.Address,
                ServiceName = name,
                Endpoints = device.Device.Endpoints,
                UserDescriptions = userDescriptions,
            },
            device.HandleAsync,
            (id, _) =>
            {
                sessions.Opened.Enqueue(id);
                return device.OpenSessionAsync(id);
            },
            async (id, _) =>
            {
                sessions.Closed.Enqueue(id);
                await device.CloseSessionAsync(id);
                sessions.FirstClosed.TrySetResult();
            },
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task Registered_application_is_advertised_and_serves_a_security1_session()
    {
        await using var bench = await Bench.StartAsync();
        var sessions = new Sessions();
        await using var host = await StartHostAsync(bench, bench.NewBacking(Bench.Sec(SecurityVersion.Sec1)), sessions);
        var advertised = await bench.BlueZ.AdvertisementRegistered.Task.WaitAsync(Bench.Patience, TestContext.Current.CancellationToken);

        var transport = await BleTransport.ConnectAsync(bench.Options("PROV_SIM"), TestContext.Current.CancellationToken);
        using var client = new Security1Client(Pop);
        await Bench.HandshakeAsync(transport, client);
        await Bench.AssertEchoAsync(transport, client);
        await Bench.AssertEchoAsync(transport, client, Endpoints.CustomData);
        await transport.DisposeAsync();
        await sessions.FirstClosed.Task.WaitAsync(Bench.Patience, TestContext.Current.CancellationToken);

        Assert.Equal("PROV_SIM", advertised.Name);
        Assert.Equal(BleUuids.ExampleService, advertised.Gatt.ServiceUuid);
        Assert.True(transport.EndpointsFromDescriptors);
        Assert.Equal([1u], sessions.Opened);
        Assert.Equal([1u], sessions.Closed);
        Assert.Equal(0, host.OpenSessions);
    }

    [Fact]
    public async Task Reconnecting_starts_a_new_session_and_needs_a_new_handshake()
    {
        await using var bench = await Bench.StartAsync();
        var sessions = new Sessions();
        await using var host = await StartHostAsync(bench, bench.NewBacking(Bench.Sec(SecurityVersion.Sec0)), sessions);
        await bench.BlueZ.AdvertisementRegistered.Task.WaitAsync(Bench.Patience, TestContext.Current.CancellationToken);

        await using (var first = await BleTransport.ConnectAsync(bench.Options("PROV_SIM"), TestContext.Current.CancellationToken))
        {
            await Bench.HandshakeAsync(first, new Security0Client());
        }

        await sessions.FirstClosed.Task.WaitAsync(Bench.Patience, TestContext.Current.CancellationToken);
        await using var second = await BleTransport.ConnectAsync(bench.Options("PROV_SIM"), TestContext.Current.CancellationToken);
        await Bench.HandshakeAsync(second, new Security0Client());

        Assert.Equal([1u, 2u], sessions.Opened);
        Assert.Equal(1, host.OpenSessions);
    }

    [Fact]
    public async Task Security2_long_values_are_read_back_in_offset_chunks()
    {
        await using var bench = await Bench.StartAsync();
        var sessions = new Sessions();
        await using var host = await StartHostAsync(bench, bench.NewBacking(Bench.Sec(SecurityVersion.Sec2)), sessions);
        await bench.BlueZ.AdvertisementRegistered.Task.WaitAsync(Bench.Patience, TestContext.Current.CancellationToken);

        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_SIM"), TestContext.Current.CancellationToken);
        using var client = new Security2Client(Encoding.ASCII.GetBytes("wifiprov"), Encoding.ASCII.GetBytes("abcd1234"));
        await Bench.HandshakeAsync(transport, client);
        await Bench.AssertEchoAsync(transport, client, length: 300);
    }

    [Fact]
    public async Task Without_descriptors_the_client_derives_the_characteristics()
    {
        await using var bench = await Bench.StartAsync();
        var sessions = new Sessions();
        var backing = bench.NewBacking(Bench.Sec(SecurityVersion.Sec0));
        await using var host = await StartHostAsync(bench, backing, sessions, userDescriptions: false);
        await bench.BlueZ.AdvertisementRegistered.Task.WaitAsync(Bench.Patience, TestContext.Current.CancellationToken);

        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_SIM"), TestContext.Current.CancellationToken);
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        await client.EstablishSessionAsync(new Security0Client(), TestContext.Current.CancellationToken);
        await client.GetWifiStatusAsync(TestContext.Current.CancellationToken);

        Assert.Contains(backing.Records, r => r.Endpoint == Endpoints.ProvConfig && r.Outcome == EspProv.Simulator.RequestOutcome.Answered);
        Assert.False(transport.EndpointsFromDescriptors);
    }

    [Fact]
    public async Task Peripheral_without_bluez_is_unavailable()
    {
        await using var bench = await Bench.StartAsync(withBlueZ: false);

        var error = await Assert.ThrowsAsync<BleUnavailableException>(() => StartHostAsync(bench, bench.NewBacking(Bench.Sec(SecurityVersion.Sec0)), new Sessions()));

        Assert.Equal(BleUnavailableReason.NoBlueZ, error.Reason);
    }
}
