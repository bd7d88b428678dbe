using EspProv.Ble.BlueZ;
using EspProv.Ble.Tests.Support;
using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Device_not_found()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_OTHER", SecurityVersion.Sec0);
        var options = bench.Options("PROV_MISSING") with { ScanTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<TransportException>(() => BleTransport.ConnectAsync(options, TestContext.Current.CancellationToken));

        Assert.Equal(TransportFailure.DeviceNotFound, error.Failure);
        Assert.Contains("PROV_MISSING", error.Message);
        Assert.False(bench.BlueZ.Discovering);
    }

    [Fact]
    public async Task First_connect_failure_removes_the_cached_device_and_retries_once()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_STALE", SecurityVersion.Sec0);
        device.FailConnects = 1;

        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_STALE"), TestContext.Current.CancellationToken);
        var client = new Security0Client();
        await Bench.HandshakeAsync(transport, client);

        Assert.Equal(2, device.ConnectCalls);
        Assert.Equal(1, device.RemoveCalls);
        Assert.Equal(2, bench.BlueZ.StartDiscoveryCalls);
    }

    [Fact]
    public async Task Connect_failing_twice_is_connection_refused()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_DEAD", SecurityVersion.Sec0);
        device.FailConnects = 2;

        var error = await Assert.ThrowsAsync<TransportException>(() => BleTransport.ConnectAsync(bench.Options("PROV_DEAD"), TestContext.Current.CancellationToken));

        Assert.Equal(TransportFailure.ConnectionRefused, error.Failure);
        Assert.Contains("le-connection-abort-by-local", error.Message);
        Assert.Equal(2, device.ConnectCalls);
    }

    [Fact]
    public async Task Services_never_resolving_is_a_timeout()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_SLOW", SecurityVersion.Sec0).NeverResolveServices = true;
        var options = bench.Options("PROV_SLOW") with { ConnectTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<TransportException>(() => BleTransport.ConnectAsync(options, TestContext.Current.CancellationToken));

        Assert.Equal(TransportFailure.Timeout, error.Failure);
    }

    [Fact]
    public async Task Disconnect_during_a_write_is_closed_without_response()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_DROP", Bench.Sec(SecurityVersion.Sec0), out var backing);
        device.DisconnectOnWriteTo = Endpoints.ProvConfig;
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_DROP"), TestContext.Current.CancellationToken);
        var client = new Security0Client();
        await Bench.HandshakeAsync(transport, client);

        var error = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProvConfig, client.Encrypt("x"u8), TestContext.Current.CancellationToken));
        var after = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), TestContext.Current.CancellationToken));

        Assert.Equal(TransportFailure.ClosedWithoutResponse, error.Failure);
        Assert.Equal(Endpoints.ProvConfig, error.Endpoint);
        Assert.Equal(TransportFailure.ClosedWithoutResponse, after.Failure);
        Assert.Equal([1u], backing.Closed);
    }

    [Fact]
    public async Task Unanswered_request_times_out_and_breaks_the_transport()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_WEDGED", SecurityVersion.Sec0).HangOnWriteTo = Endpoints.ProvScan;
        var options = bench.Options("PROV_WEDGED") with { RequestTimeout = TimeSpan.FromMilliseconds(300) };
        await using var transport = await BleTransport.ConnectAsync(options, TestContext.Current.CancellationToken);

        var timeout = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProvScan, "x"u8.ToArray(), TestContext.Current.CancellationToken));
        var after = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), TestContext.Current.CancellationToken));

        Assert.Equal(TransportFailure.Timeout, timeout.Failure);
        Assert.Equal(TransportFailure.IoError, after.Failure);
    }

    [Fact]
    public async Task Device_refusal_is_an_att_error_read_as_closed_without_response_and_the_link_stays_up()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_REFUSE", Bench.Sec(SecurityVersion.Sec1), out var backing);
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_REFUSE"), TestContext.Current.CancellationToken);

        // Security 1 without a session: protocomm refuses prov-config, protocomm_ble answers with an ATT error.
        var refused = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProvConfig, "x"u8.ToArray(), TestContext.Current.CancellationToken));
        var version = await transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), TestContext.Current.CancellationToken);

        Assert.Equal(TransportFailure.ClosedWithoutResponse, refused.Failure);
        Assert.Contains("ATT error: 0x04", refused.Message);
        Assert.Equal(backing.Device.VersionJson.ToArray(), version);
        Assert.Contains(backing.Records, r => r.FailureReason == EspProv.Simulator.DeviceFailureReason.SessionNotEstablished);
    }
}
