using EspProv.Errors;
using EspProv.Flows;
using EspProv.Model;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport;
using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

/// <summary>The shared protocomm-over-GATT layer on an in-memory central: what every backend gets for free.</summary>
public sealed class BleTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Endpoints_come_from_the_user_description_descriptors()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_D"));
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_D");

        Assert.True(transport.EndpointsFromDescriptors);
        Assert.Equal(["custom-data", "proto-ver", "prov-config", "prov-ctrl", "prov-scan", "prov-session"], transport.Endpoints.Order(StringComparer.Ordinal));
        Assert.Equal(BleUuids.ExampleService, transport.ServiceUuid);
        Assert.Equal(TransportKind.Ble, transport.Kind);
    }

    [Fact]
    public async Task Without_descriptors_the_standard_endpoints_are_derived_from_the_service_uuid()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_ND") { UserDescriptions = false });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_ND");

        await FakeBench.HandshakeAsync(transport);
        var version = await transport.SendAsync(Endpoints.ProtoVer, "---"u8.ToArray(), Ct);
        var missing = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.CustomData, "x"u8.ToArray(), Ct));

        Assert.Equal(device.Device.VersionJson.ToArray(), version);
        Assert.False(transport.EndpointsFromDescriptors);
        Assert.Equal(5, transport.Endpoints.Count);
        Assert.Equal(TransportFailure.UnknownEndpoint, missing.Failure);
        Assert.Equal(Endpoints.CustomData, missing.Endpoint);
    }

    [Fact]
    public async Task The_default_service_is_found_when_the_advertisement_names_none()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_DEF") { ServiceUuid = BleUuids.DefaultService, UserDescriptions = false, AdvertiseServiceUuid = false });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_DEF");

        await FakeBench.HandshakeAsync(transport);

        Assert.Equal(BleUuids.DefaultService, transport.ServiceUuid);
    }

    [Fact]
    public async Task A_device_without_a_provisioning_service_is_rejected_and_disconnected()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_ODD") { ServiceUuid = "0000180d-0000-1000-8000-00805f9b34fb", AdvertiseServiceUuid = false });

        var error = await Assert.ThrowsAsync<TransportException>(() => FakeBench.ConnectAsync(central, "PROV_ODD"));

        Assert.Equal(TransportFailure.UnknownEndpoint, error.Failure);
        Assert.Contains("Provisioning service not found", error.Message);
        Assert.Equal(1, device.Disconnects);
    }

    // Platforms make long writes and reads themselves and the link has no offsets, so the shared layer's part is to
    // hand over and return every byte, never cut to the MTU: one past a single PDU, the ATT maximum, and beyond.
    [Theory]
    [InlineData(23, 21)]
    [InlineData(23, 512)]
    [InlineData(23, 4096)]
    [InlineData(185, 183)]
    [InlineData(517, 4096)]
    public async Task Payloads_longer_than_the_mtu_reach_the_device_and_come_back_byte_for_byte(int mtu, int length)
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_LONG") { Mtu = mtu });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_LONG");
        var client = await FakeBench.HandshakeAsync(transport);
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        var request = client.Encrypt(payload);

        var answer = await transport.SendAsync(Endpoints.CustomData, request, Ct);

        Assert.Equal(mtu, transport.Mtu);
        Assert.Equal(request, device.Received.Last(r => r.Endpoint == Endpoints.CustomData).Value);
        Assert.Equal(request, answer);
    }

    [Fact]
    public async Task Wifi_scan_results_come_in_pages_of_four_over_ble()
    {
        var aps = Enumerable.Range(1, 10).Select(i => new WifiAccessPoint(System.Text.Encoding.UTF8.GetBytes($"AP-{i:00}"), [0x02, 0, 0x5e, 0x10, 0, (byte)i], 1 + (i % 11), -30 - i, EspProv.Protocol.WifiProv.WifiAuthMode.Wpa2Psk)).ToList();
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_SCAN", options: new DeviceOptions { Security = SecurityVersion.Sec0, AccessPoints = aps }));
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_SCAN");
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        await client.EstablishSessionAsync(new Security0Client(), Ct);

        var found = await client.ScanWifiAsync(Ct);

        Assert.Equal(aps.Select(a => a.SsidText), found.Select(a => a.SsidText));
        var pages = device.Records.Where(r => r.Endpoint == Endpoints.ProvScan && r.Detail.StartsWith("ScanResult", StringComparison.Ordinal)).Select(r => r.Detail).ToList();
        Assert.Equal(3, pages.Count);
        Assert.StartsWith("ScanResult start=0 count=4 -> 4 entries", pages[0]);
        Assert.StartsWith("ScanResult start=4 count=4 -> 4 entries", pages[1]);
        Assert.StartsWith("ScanResult start=8 count=2 -> 2 entries", pages[2]);
    }

    [Fact]
    public async Task A_refusal_is_an_att_error_read_as_closed_without_response_and_the_link_stays_up()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_REFUSE", options: new DeviceOptions { Security = SecurityVersion.Sec1 }));
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_REFUSE");

        // Security 1 without a session: protocomm refuses prov-config, protocomm_ble answers with an ATT error.
        var refused = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProvConfig, "x"u8.ToArray(), Ct));
        var version = await transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct);

        Assert.Equal(TransportFailure.ClosedWithoutResponse, refused.Failure);
        Assert.Equal(Endpoints.ProvConfig, refused.Endpoint);
        Assert.Contains("ATT error: 0x04 (Invalid PDU)", refused.Message);
        Assert.Equal(device.Device.VersionJson.ToArray(), version);
    }

    [Fact]
    public async Task A_platform_failure_on_a_live_link_is_an_io_error_naming_the_platform_words()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_IO") { FailWriteTo = (Endpoints.ProtoVer, new BleGattException(BleGattError.Failed, "Resource Not Ready (org.bluez.Error.NotReady)")) });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_IO");

        var error = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct));

        Assert.Equal(TransportFailure.IoError, error.Failure);
        Assert.Contains("org.bluez.Error.NotReady", error.Message);
    }

    [Fact]
    public async Task Disconnect_during_a_request_is_closed_without_response_and_so_is_every_later_request()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_DROP") { DisconnectOnWriteTo = Endpoints.ProvConfig });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_DROP");
        var client = await FakeBench.HandshakeAsync(transport);

        var error = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProvConfig, client.Encrypt("x"u8), Ct));
        var after = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct));

        Assert.Equal(TransportFailure.ClosedWithoutResponse, error.Failure);
        Assert.Equal(Endpoints.ProvConfig, error.Endpoint);
        Assert.Equal(TransportFailure.ClosedWithoutResponse, after.Failure);
    }

    [Fact]
    public async Task An_unanswered_request_times_out_and_breaks_the_transport()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_WEDGED") { HangOnWriteTo = Endpoints.ProvScan });
        var options = FakeBench.Options(central, "PROV_WEDGED") with { RequestTimeout = TimeSpan.FromMilliseconds(200) };
        await using var transport = await BleTransport.ConnectAsync(options, Ct);

        var timeout = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProvScan, "x"u8.ToArray(), Ct));
        var after = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct));

        Assert.Equal(TransportFailure.Timeout, timeout.Failure);
        Assert.Equal(TransportFailure.IoError, after.Failure);
        Assert.Contains("interrupted", after.Message);
    }

    [Fact]
    public async Task A_cancelled_request_stays_a_cancellation_and_breaks_the_transport()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_CANCEL") { HangOnWriteTo = Endpoints.ProvScan });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_CANCEL");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var pending = transport.SendAsync(Endpoints.ProvScan, "x"u8.ToArray(), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        var after = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct));
        Assert.Equal(TransportFailure.IoError, after.Failure);
    }

    [Fact]
    public async Task Services_never_resolving_is_a_timeout()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_SLOW") { NeverResolveServices = true });
        var options = FakeBench.Options(central, "PROV_SLOW") with { ConnectTimeout = TimeSpan.FromMilliseconds(200) };

        var error = await Assert.ThrowsAsync<TransportException>(() => BleTransport.ConnectAsync(options, Ct));

        Assert.Equal(TransportFailure.Timeout, error.Failure);
        Assert.Equal(1, device.Disconnects);
    }

    [Fact]
    public async Task Device_not_found_names_the_filter_and_stops_scanning()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_OTHER"));
        var options = FakeBench.Options(central, "PROV_MISSING") with { ScanTimeout = TimeSpan.FromMilliseconds(100) };

        var error = await Assert.ThrowsAsync<TransportException>(() => BleTransport.ConnectAsync(options, Ct));

        Assert.Equal(TransportFailure.DeviceNotFound, error.Failure);
        Assert.Contains("PROV_MISSING", error.Message);
        Assert.False(central.Scanning);
    }

    [Fact]
    public async Task A_first_connect_failure_forgets_the_cached_device_rescans_and_retries_once()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_STALE") { FailConnects = 1 });

        await using var transport = await FakeBench.ConnectAsync(central, "PROV_STALE");
        await FakeBench.HandshakeAsync(transport);

        Assert.Equal(2, device.ConnectCalls);
        Assert.Equal(1, device.ForgetCalls);
        Assert.Equal(2, central.StartScanCalls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_failing_twice_is_connection_refused_and_a_bonded_device_keeps_its_bond(bool bonded)
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_DEAD") { FailConnects = 2, Bonded = bonded });

        var error = await Assert.ThrowsAsync<TransportException>(() => FakeBench.ConnectAsync(central, "PROV_DEAD"));

        Assert.Equal(TransportFailure.ConnectionRefused, error.Failure);
        Assert.Contains("le-connection-abort-by-local", error.Message);
        Assert.Equal(bonded, error.Message.Contains("fake-forget 24:0A:C4:00:00:01", StringComparison.Ordinal));
        Assert.Equal(2, device.ConnectCalls);
        Assert.Equal(bonded ? 0 : 1, device.ForgetCalls);
        Assert.Equal(bonded, device.Bonded);
    }

    [Fact]
    public async Task An_unusable_platform_is_reported_as_unavailable()
    {
        using var central = new FakeBleCentral { Unavailable = new BleUnavailableException(BleUnavailableReason.NoAdapter, "Bluetooth LE is unavailable: no adapter.") };

        var error = await Assert.ThrowsAsync<BleUnavailableException>(() => FakeBench.ConnectAsync(central, "PROV_ANY"));

        Assert.Equal(BleUnavailableReason.NoAdapter, error.Reason);
    }
}
