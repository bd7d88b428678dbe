using System.Text;
using EspProv.Ble.BlueZ;
using EspProv.Ble.Tests.Support;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Transport;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

public sealed class SessionTests
{
    private static readonly byte[] Pop = Encoding.ASCII.GetBytes("abcd1234");

    [Fact]
    public async Task Security0_session_over_ble()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_S0", Bench.Sec(SecurityVersion.Sec0), out var backing);
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_S0"), TestContext.Current.CancellationToken);

        var version = await transport.SendAsync(Endpoints.ProtoVer, "---"u8.ToArray(), TestContext.Current.CancellationToken);
        var client = new Security0Client();
        await Bench.HandshakeAsync(transport, client);
        await Bench.AssertEchoAsync(transport, client);

        Assert.Equal(TransportKind.Ble, transport.Kind);
        Assert.Equal(Encoding.UTF8.GetString(backing.Device.VersionJson.Span), Encoding.UTF8.GetString(version));
        Assert.Equal([1u], backing.Opened);
    }

    [Fact]
    public async Task Security1_session_over_ble()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_S1", SecurityVersion.Sec1);
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_S1"), TestContext.Current.CancellationToken);

        using var client = new Security1Client(Pop);
        await Bench.HandshakeAsync(transport, client);
        await Bench.AssertEchoAsync(transport, client);
        await Bench.AssertEchoAsync(transport, client, Endpoints.CustomData);
    }

    [Fact]
    public async Task Security2_session_over_ble_with_long_values()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_S2", SecurityVersion.Sec2);
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_S2"), TestContext.Current.CancellationToken);

        using var client = new Security2Client(Encoding.ASCII.GetBytes("wifiprov"), Encoding.ASCII.GetBytes("abcd1234"));
        await Bench.HandshakeAsync(transport, client); // SRP A and B are 384 bytes each: beyond one ATT PDU.
        await Bench.AssertEchoAsync(transport, client, length: 700);
    }

    [Fact]
    public async Task Dispose_disconnects_and_the_device_closes_the_session()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_S0", Bench.Sec(SecurityVersion.Sec0), out var backing);
        var transport = await BleTransport.ConnectAsync(bench.Options("PROV_S0"), TestContext.Current.CancellationToken);

        await transport.DisposeAsync();
        await transport.DisposeAsync();

        Assert.False(device.Connected);
        Assert.Equal([1u], backing.Closed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrent_sends_are_serialised()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_S0", Bench.Sec(SecurityVersion.Sec0), out var backing);
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_S0"), TestContext.Current.CancellationToken);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), TestContext.Current.CancellationToken)));

        Assert.All(responses, r => Assert.Equal(Encoding.UTF8.GetString(backing.Device.VersionJson.Span), Encoding.UTF8.GetString(r)));
    }
}
