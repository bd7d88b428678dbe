using EspProv.Ble.BlueZ;
using EspProv.Ble.Tests.Support;
using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

/// <summary>
/// Bond hygiene: a device that demands encryption is paired only when that is allowed or confirmed, a bond
/// made for the session is removed afterwards unless kept, and a bond the user made is never removed.
/// </summary>
public sealed class BondTests
{
    [Fact]
    public async Task Pairing_is_not_done_silently_the_request_fails_with_a_typed_error()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_PAIR", SecurityVersion.Sec0);
        device.RequiresPairing = true;
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_PAIR"), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<BlePairingRequiredException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), TestContext.Current.CancellationToken));

        Assert.False(error.Declined);
        Assert.Equal("24:0A:C4:00:00:01", error.Device.Address);
        Assert.Contains("PROV_PAIR", error.Message);
        Assert.Equal(0, device.PairCalls);
        Assert.False(device.Paired);
    }

    [Fact]
    public async Task Allowed_pairing_pairs_retries_the_request_and_removes_the_bond_on_dispose()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_PAIR", SecurityVersion.Sec0);
        device.RequiresPairing = true;
        var transport = await BleTransport.ConnectAsync(bench.Options("PROV_PAIR") with { AllowPairing = true }, TestContext.Current.CancellationToken);

        var client = new Security0Client();
        await Bench.HandshakeAsync(transport, client);
        await Bench.AssertEchoAsync(transport, client);
        var pairedDuringSession = device.Paired;
        await transport.DisposeAsync();

        Assert.True(pairedDuringSession);
        Assert.Equal(1, device.PairCalls);
        Assert.Equal(1, device.RemoveCalls);
        Assert.False(device.Paired);
        Assert.False(device.Bonded);
    }

    [Fact]
    public async Task KeepBond_keeps_the_bond_the_session_made()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_PAIR", SecurityVersion.Sec0);
        device.RequiresPairing = true;
        var transport = await BleTransport.ConnectAsync(bench.Options("PROV_PAIR") with { AllowPairing = true, KeepBond = true }, TestContext.Current.CancellationToken);

        await Bench.HandshakeAsync(transport, new Security0Client());
        await transport.DisposeAsync();

        Assert.Equal(1, device.PairCalls);
        Assert.Equal(0, device.RemoveCalls);
        Assert.True(device.Bonded);
        Assert.False(device.Connected);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConfirmPairing_is_asked_once_and_its_answer_decides(bool answer)
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_ASK", SecurityVersion.Sec0);
        device.RequiresPairing = true;
        var asked = new List<BleDeviceInfo>();
        var options = bench.Options("PROV_ASK") with
        {
            ConfirmPairing = (info, _) =>
            {
                asked.Add(info);
                return ValueTask.FromResult(answer);
            },
        };
        var transport = await BleTransport.ConnectAsync(options, TestContext.Current.CancellationToken);

        if (answer)
        {
            await Bench.HandshakeAsync(transport, new Security0Client());
        }
        else
        {
            var error = await Assert.ThrowsAsync<BlePairingRequiredException>(() => Bench.HandshakeAsync(transport, new Security0Client()));
            Assert.True(error.Declined);
        }

        await transport.DisposeAsync();

        Assert.Equal("PROV_ASK", Assert.Single(asked).Name);
        Assert.Equal(answer ? 1 : 0, device.PairCalls);
        Assert.Equal(answer ? 1 : 0, device.RemoveCalls); // a confirmed bond is still only for this session
        Assert.False(device.Paired);
    }

    /// <summary>BlueZ before 5.67 has only Paired; a failed first Connect is where a stale cached device would be removed.</summary>
    [Theory]
    [InlineData(true, true, 0)]
    [InlineData(true, false, 1)]
    [InlineData(true, true, 1)]
    public async Task A_bond_the_user_made_is_never_removed(bool paired, bool bonded, int failedConnects)
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_MINE", SecurityVersion.Sec0);
        device.RequiresPairing = true;
        device.Paired = paired;
        device.Bonded = bonded;
        device.FailConnects = failedConnects;
        var transport = await BleTransport.ConnectAsync(bench.Options("PROV_MINE"), TestContext.Current.CancellationToken);

        await Bench.HandshakeAsync(transport, new Security0Client());
        await transport.DisposeAsync();

        Assert.Equal(1 + failedConnects, device.ConnectCalls);
        Assert.Equal(0, device.RemoveCalls);
        Assert.Equal(0, device.PairCalls);
        Assert.Equal(paired, device.Paired);
        Assert.Equal(bonded, device.Bonded);
    }

    [Fact]
    public async Task A_bonded_device_that_will_not_connect_says_its_bond_was_left_alone()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_MINE", SecurityVersion.Sec0);
        device.Bonded = true;
        device.FailConnects = 2;

        var error = await Assert.ThrowsAsync<TransportException>(() => BleTransport.ConnectAsync(bench.Options("PROV_MINE"), TestContext.Current.CancellationToken));

        Assert.Equal(TransportFailure.ConnectionRefused, error.Failure);
        Assert.Contains("bluetoothctl remove 24:0A:C4:00:00:01", error.Message);
        Assert.Equal(0, device.RemoveCalls);
        Assert.True(device.Bonded);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_bond_bluez_made_by_itself_is_removed_even_with_KeepBond_unless_pairing_was_allowed(bool allowPairing)
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_AUTO", SecurityVersion.Sec0);
        device.RequiresPairing = true;
        device.PairsOnItsOwn = true;
        var transport = await BleTransport.ConnectAsync(bench.Options("PROV_AUTO") with { KeepBond = true, AllowPairing = allowPairing }, TestContext.Current.CancellationToken);

        await Bench.HandshakeAsync(transport, new Security0Client());
        await transport.DisposeAsync();

        Assert.Equal(0, device.PairCalls);
        Assert.Equal(allowPairing ? 0 : 1, device.RemoveCalls);
        Assert.Equal(allowPairing, device.Bonded);
    }

    [Fact]
    public async Task An_address_filter_connects_to_that_device_when_two_share_a_name()
    {
        await using var bench = await Bench.StartAsync();
        var first = bench.AddDevice("PROV_TWIN", Bench.Sec(SecurityVersion.Sec0), out _, address: "24:0A:C4:00:00:01");
        var second = bench.AddDevice("PROV_TWIN", Bench.Sec(SecurityVersion.Sec0), out var backing, address: "24:0A:C4:00:00:02");
        var options = bench.Options("PROV_TWIN") with { Device = new BleDeviceFilter { Address = "24:0A:C4:00:00:02" } };

        await using var transport = await BleTransport.ConnectAsync(options, TestContext.Current.CancellationToken);
        await Bench.HandshakeAsync(transport, new Security0Client());

        Assert.Equal("24:0A:C4:00:00:02", transport.Device.Address);
        Assert.Equal(0, first.ConnectCalls);
        Assert.Equal(1, second.ConnectCalls);
        Assert.Equal([1u], backing.Opened);
    }
}
