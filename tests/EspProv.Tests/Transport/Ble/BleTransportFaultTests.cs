using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

/// <summary>
/// The shared layer's error paths on the fake central: a link lost while the services resolve, failed endpoint-name
/// reads, failures on the read half of a request, a scan the platform aborts, pairing that never finishes, and a
/// link that throws when disposed. Each ends as a typed error (or a retry), whatever the backend.
/// </summary>
public sealed class BleTransportFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // WinRT only reaches the device on the first GATT request, so a device out of range "connects" and then fails
    // service discovery as Unreachable (no drop event); on BlueZ the link drops and the call fails with any error.
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_link_lost_before_its_services_are_resolved_is_retried_like_a_failed_connect(bool dropLink, bool bonded)
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_FAR") { Bonded = bonded });
        device.ServiceDiscoveryFaults.Enqueue(dropLink
            ? (new BleGattException(BleGattError.Failed, "Software caused connection abort (fake)"), true)
            : (new BleGattException(BleGattError.Disconnected, "Discovering services: the device is unreachable (fake)"), false));

        await using var transport = await FakeBench.ConnectAsync(central, "PROV_FAR");
        await FakeBench.HandshakeAsync(transport);

        Assert.Equal(2, device.ConnectCalls);
        Assert.Equal(2, central.StartScanCalls);
        Assert.Equal(bonded ? 0 : 1, device.ForgetCalls);
        Assert.Equal(bonded, device.Bonded);
        Assert.Equal(1, device.Disconnects);
    }

    [Fact]
    public async Task A_link_lost_before_its_services_are_resolved_twice_is_connection_refused()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_GONE"));
        device.ServiceDiscoveryFaults.Enqueue((new BleGattException(BleGattError.Disconnected, "the device is unreachable (fake)"), false));
        device.ServiceDiscoveryFaults.Enqueue((new BleGattException(BleGattError.Disconnected, "the device is unreachable (fake)"), false));

        var error = await Assert.ThrowsAsync<TransportException>(() => FakeBench.ConnectAsync(central, "PROV_GONE"));

        Assert.Equal(TransportFailure.ConnectionRefused, error.Failure);
        Assert.Contains("Could not connect to 'PROV_GONE'", error.Message);
        Assert.Contains("dropped before its GATT services were resolved (the device is unreachable (fake))", error.Message);
        Assert.Equal(2, device.ConnectCalls);
        Assert.Equal(2, device.Disconnects);
    }

    [Fact]
    public async Task A_service_discovery_failure_on_a_live_link_is_an_io_error_and_not_retried()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_ODDDB"));
        device.ServiceDiscoveryFaults.Enqueue((new BleGattException(BleGattError.Failed, "Discovering services: ProtocolError (fake)"), false));

        var error = await Assert.ThrowsAsync<TransportException>(() => FakeBench.ConnectAsync(central, "PROV_ODDDB"));

        Assert.Equal(TransportFailure.IoError, error.Failure);
        Assert.Contains("Reading the GATT services of 'PROV_ODDDB' (24:0A:C4:00:00:01) failed: Discovering services: ProtocolError (fake)", error.Message);
        Assert.Equal(1, device.ConnectCalls);
        Assert.Equal(0, device.ForgetCalls);
        Assert.Equal(1, device.Disconnects);
    }

    // A name that cannot be read is not replaced by a derived one: a custom endpoint would silently go missing.
    [Theory]
    [InlineData(BleGattError.Failed, TransportFailure.IoError, "Reading the endpoint names of 'PROV_DESC' (24:0A:C4:00:00:01) failed: Read Not Permitted (fake).")]
    [InlineData(BleGattError.Disconnected, TransportFailure.ClosedWithoutResponse, "'PROV_DESC' (24:0A:C4:00:00:01) disconnected while its endpoint names were read.")]
    public async Task A_failed_descriptor_read_fails_the_connection_and_disconnects(BleGattError kind, TransportFailure failure, string message)
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_DESC") { DescriptorReadError = new BleGattException(kind, "Read Not Permitted (fake)") });

        var error = await Assert.ThrowsAsync<TransportException>(() => FakeBench.ConnectAsync(central, "PROV_DESC"));

        Assert.Equal(failure, error.Failure);
        Assert.Equal(message, error.Message);
        Assert.Equal(1, device.ConnectCalls);
        Assert.Equal(1, device.Disconnects);
    }

    [Fact]
    public async Task A_descriptor_read_that_never_finishes_is_a_timeout()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_MUTE") { HangOnDescriptorRead = true });
        var options = FakeBench.Options(central, "PROV_MUTE") with { ConnectTimeout = TimeSpan.FromMilliseconds(200) };

        var error = await Assert.ThrowsAsync<TransportException>(() => BleTransport.ConnectAsync(options, Ct));

        Assert.Equal(TransportFailure.Timeout, error.Failure);
        Assert.Contains("endpoint names", error.Message);
        Assert.Equal(1, device.Disconnects);
    }

    [Fact]
    public async Task Descriptors_demanding_pairing_without_consent_are_pairing_required_and_nothing_is_paired()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_ENC") { DescriptorsRequirePairing = true });

        var error = await Assert.ThrowsAsync<BlePairingRequiredException>(() => FakeBench.ConnectAsync(central, "PROV_ENC"));

        Assert.False(error.Declined);
        Assert.Equal(BleAttErrors.InsufficientEncryption, Assert.IsType<BleGattException>(error.InnerException).AttErrorCode);
        Assert.Equal(0, device.PairCalls);
        Assert.False(device.Bonded);
        Assert.Equal(1, device.Disconnects);
    }

    [Fact]
    public async Task Descriptors_demanding_pairing_pair_once_with_consent_and_the_consent_holds_for_the_bond()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_ENC") { DescriptorsRequirePairing = true, RequiresPairing = true });
        var asked = 0;
        var options = FakeBench.Options(central, "PROV_ENC") with
        {
            KeepBond = true,
            ConfirmPairing = (_, _) =>
            {
                asked++;
                return ValueTask.FromResult(true);
            },
        };

        var transport = await BleTransport.ConnectAsync(options, Ct);
        await FakeBench.HandshakeAsync(transport);
        await transport.DisposeAsync();

        Assert.True(transport.EndpointsFromDescriptors);
        Assert.Equal(1, asked);
        Assert.Equal(1, device.PairCalls);
        Assert.Equal(0, device.ForgetCalls);
        Assert.True(device.Bonded);
    }

    [Fact]
    public async Task Declined_pairing_for_the_descriptors_is_pairing_required_declined()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_ENC") { DescriptorsRequirePairing = true });
        var options = FakeBench.Options(central, "PROV_ENC") with { ConfirmPairing = (_, _) => ValueTask.FromResult(false) };

        var error = await Assert.ThrowsAsync<BlePairingRequiredException>(() => BleTransport.ConnectAsync(options, Ct));

        Assert.True(error.Declined);
        Assert.Equal(0, device.PairCalls);
    }

    [Fact]
    public async Task An_att_error_on_the_read_half_is_the_device_refusing_and_the_link_stays_up()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_READ") { FailReadOf = (Endpoints.CustomData, BleGattException.Att(BleAttErrors.InvalidPdu)) });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_READ");
        var client = await FakeBench.HandshakeAsync(transport);

        var refused = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.CustomData, client.Encrypt("x"u8), Ct));
        var version = await transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct);

        Assert.Equal(TransportFailure.ClosedWithoutResponse, refused.Failure);
        Assert.Equal(Endpoints.CustomData, refused.Endpoint);
        Assert.Contains("refused the request to custom-data: ATT error: 0x04 (Invalid PDU)", refused.Message);
        Assert.Equal(device.Device.VersionJson.ToArray(), version);
    }

    [Fact]
    public async Task A_pairing_demand_on_the_read_half_is_pairing_required()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_READENC") { FailReadOf = (Endpoints.ProtoVer, BleGattException.Att(BleAttErrors.InsufficientAuthentication)) });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_READENC");

        var error = await Assert.ThrowsAsync<BlePairingRequiredException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct));

        Assert.False(error.Declined);
    }

    [Fact]
    public async Task A_link_dropped_on_the_read_half_is_closed_without_response_and_so_is_every_later_request()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_READDROP") { DisconnectOnReadOf = Endpoints.CustomData });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_READDROP");
        var client = await FakeBench.HandshakeAsync(transport);

        var error = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.CustomData, client.Encrypt("x"u8), Ct));
        var after = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct));

        Assert.Equal(TransportFailure.ClosedWithoutResponse, error.Failure);
        Assert.Contains("dropped the BLE link during a request to custom-data", error.Message);
        Assert.Equal(TransportFailure.ClosedWithoutResponse, after.Failure);
    }

    [Fact]
    public async Task A_scan_the_platform_aborts_is_unavailable_and_stops_the_scan()
    {
        using var central = new FakeBleCentral { AbortScansWith = new BleUnavailableException(BleUnavailableReason.AdapterOff, "Bluetooth LE is unavailable: the scan stopped (fake).") };
        central.Add(new FakePeripheral("PROV_HEARD"));

        var discover = await Assert.ThrowsAsync<BleUnavailableException>(() => BleScanner.DiscoverAsync(central, new BleDeviceFilter(), FakeBench.Patience, Ct));
        var connect = await Assert.ThrowsAsync<BleUnavailableException>(() => FakeBench.ConnectAsync(central, "PROV_MISSING"));

        Assert.Equal(BleUnavailableReason.AdapterOff, discover.Reason);
        Assert.Equal(BleUnavailableReason.AdapterOff, connect.Reason);
        Assert.False(central.Scanning);
    }

    [Fact]
    public async Task Pairing_that_never_finishes_is_a_timeout()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_PAIRSLOW") { RequiresPairing = true, PairHangs = true });
        var options = FakeBench.Options(central, "PROV_PAIRSLOW") with { AllowPairing = true, ConnectTimeout = TimeSpan.FromMilliseconds(200) };
        await using var transport = await BleTransport.ConnectAsync(options, Ct);

        // Bounded here too: pairing left without its limit must fail this test, not hang the run.
        var error = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));

        Assert.Equal(TransportFailure.Timeout, error.Failure);
        Assert.Equal("The device requires pairing and pairing did not finish in time.", error.Message);
        Assert.Equal(1, device.PairCalls);
        Assert.False(device.Bonded);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_typed_error_from_disconnecting_neither_hides_the_real_one_nor_escapes_dispose(bool stackGone)
    {
        Exception disposeError = stackGone
            ? new BleUnavailableException(BleUnavailableReason.NotSupported, "Bluetooth LE is unavailable: the stack went away (fake).")
            : new BleGattException(BleGattError.Disconnected, "not connected (fake)");
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_ODD") { ServiceUuid = "0000180d-0000-1000-8000-00805f9b34fb", AdvertiseServiceUuid = false, DisposeError = disposeError });
        var device = central.Add(new FakePeripheral("PROV_OK", "24:0A:C4:00:00:02") { DisposeError = disposeError });

        var refused = await Assert.ThrowsAsync<TransportException>(() => FakeBench.ConnectAsync(central, "PROV_ODD"));
        var transport = await FakeBench.ConnectAsync(central, "PROV_OK");
        await transport.DisposeAsync();

        Assert.Equal(TransportFailure.UnknownEndpoint, refused.Failure);
        Assert.Equal(1, device.Disconnects);
    }
}
